import type { E2eFigures } from '../e2e.bench';

/** What `npm run bench` writes to test/bench/results/<date>.json. */
export interface BenchResults {
  date: string;
  size: 'full' | { households: number };
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; postgres: string };
  /** The machine is shared: the load average says how much (1, 5 and 15 minutes). */
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
  seconds?: number;
  eventStore?: {
    events: number;
    rounds: number;
    oursRate: number;
    copyRate: number;
    emmettRate: number;
    ofCopy: number;
    timesEmmett: number;
  };
  ingest?: { records: number; kafkaRate: number; kafkaWithProducerRate: number; fileRate: number };
  projection?: { rate: number; caseP99Ms: number | null };
  e2e?: E2eFigures;
}

const n = (value: number | null | undefined): string =>
  value === null || value === undefined ? 'n/a' : Math.round(value).toLocaleString('en-US');
const ms = (value: number | null | undefined): string =>
  value === null || value === undefined ? 'n/a' : `${n(value)} ms`;
const ratio = (ours: number, peer: number): string => (peer > 0 ? (ours / peer).toFixed(2) : 'n/a');

/** The figures as a Markdown table: part, what, ours, peer or target, ratio. */
export function benchTable(results: BenchResults): string {
  const rows: string[][] = [];
  const { eventStore, ingest, projection, e2e } = results;
  if (eventStore) {
    rows.push(
      [
        'event store',
        `appendMany, ${n(eventStore.events)} events`,
        `${n(eventStore.oursRate)} ev/s`,
        `raw COPY ${n(eventStore.copyRate)} ev/s`,
        `${eventStore.ofCopy} of COPY`,
      ],
      ['', '', '', `Emmett PostgreSQL ${n(eventStore.emmettRate)} ev/s`, `${eventStore.timesEmmett}x Emmett`],
    );
  }
  if (ingest) {
    rows.push(
      [
        'ingest',
        `Kafka consumer, ${n(ingest.records)} claims`,
        `${n(ingest.kafkaRate)} rec/s`,
        `with the producer alongside ${n(ingest.kafkaWithProducerRate)} rec/s`,
        '',
      ],
      ['', 'file import', `${n(ingest.fileRate)} rec/s`, '', ''],
    );
  }
  if (projection) {
    rows.push(
      [
        'projection',
        'catch-up from position zero',
        `${n(projection.rate)} ev/s`,
        'target 20,000 ev/s',
        ratio(projection.rate, 20_000),
      ],
      ['', 'case latency p99 at 1,000 ev/s', ms(projection.caseP99Ms), 'target < 1,000 ms', ''],
    );
  }
  if (e2e) {
    const copy = eventStore?.copyRate ?? 0;
    const emmett = eventStore?.emmettRate ?? 0;
    rows.push(
      [
        'end to end',
        `${n(e2e.records)} records, HTTP ingest to last case visible (${e2e.topology === 'all-in-one' ? 'one process' : 'ingest and monitor processes'})`,
        `${n(e2e.endToEndRate)} rec/s`,
        'target 10,000 rec/s',
        ratio(e2e.endToEndRate, 10_000),
      ],
      // The peers are measured by the event-store part; without it (`--parts e2e`) there is nothing to compare.
      ...(copy > 0
        ? [['', '', '', `raw COPY ${n(copy)} ev/s`, `${ratio(e2e.endToEndRate, copy)} of COPY`]]
        : []),
      ...(emmett > 0
        ? [['', '', '', `Emmett PostgreSQL ${n(emmett)} ev/s`, `${ratio(e2e.endToEndRate, emmett)}x Emmett`]]
        : []),
      ['', 'ingest alone (HTTP)', `${n(e2e.ingestRate)} rec/s`, '', ''],
      [
        '',
        'last case visible after',
        `${e2e.lastCaseVisibleSeconds} s`,
        `ingest done after ${e2e.ingestSeconds} s`,
        '',
      ],
      [
        '',
        e2e.topology === 'all-in-one'
          ? 'peak RSS of the process'
          : `peak RSS: ${(e2e.processes ?? []).map(({ app, peakRssMiB }) => `${app} ${n(peakRssMiB)} MiB`).join(', ')}`,
        `${n(e2e.peakRssMiB)} MiB`,
        `RSS by quarter: ${e2e.rssMiBByQuarter.join(', ')} MiB`,
        '',
      ],
      [
        '',
        `case visible at ${n(e2e.steady.rate)} rec/s (${n(e2e.steady.achievedRate)} achieved, ${e2e.steady.cases} cases)`,
        `p50 ${ms(e2e.steady.p50Ms)}, p99 ${ms(e2e.steady.p99Ms)}`,
        'target p99 < 1,000 ms',
        '',
      ],
    );
  }
  const header = ['part', 'what', 'ours', 'peer / target', 'ratio'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const { machine } = results;
  return [
    `Machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}; ` +
      `load average ${results.loadAverageAtStart.join(' ')} at the start, ${results.loadAverageAtEnd?.join(' ') ?? '?'} at the end ` +
      '(a shared machine: figures are noisy)',
    '',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
  ].join('\n');
}
