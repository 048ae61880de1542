/** Where the demo writes its lines: stdout for the command, a buffer in tests. */
export interface DemoOutput {
  say(line?: string): void;
}

export const stdoutOutput: DemoOutput = {
  say: (line = '') => void process.stdout.write(`${line}\n`),
};

/** 12,345 */
export const count = (value: number): string => value.toLocaleString('en-US');

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** A row of left-aligned label and right-aligned figures. */
export const row = (label: string, ...figures: (string | number)[]): string =>
  `  ${label.padEnd(28)}${figures.map((figure) => String(typeof figure === 'number' ? count(figure) : figure).padStart(10)).join('')}`;
