import { spawn, type ChildProcess } from 'node:child_process';

export interface MockKafka {
  /** `host:port` of the mock cluster's bootstrap broker. */
  brokers: string[];
  stop(): Promise<void>;
  /** Freezes the broker (SIGSTOP): connections stay open, nothing is answered. */
  freeze(): void;
  /** Lets a frozen broker go on (SIGCONT). */
  thaw(): void;
}

/**
 * Starts librdkafka's mock Kafka cluster through Debian's `kcat` (DESIGN §7). It speaks the Kafka
 * protocol to kafkajs; topics auto-create with 4 partitions.
 */
export async function startMockKafka(timeoutMs = 10_000): Promise<MockKafka> {
  const child = spawn(
    'kcat',
    ['-b', 'localhost:9092', '-C', '-t', '_boot', '-q', '-X', 'test.mock.num.brokers=1'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const address = await readBootstrapAddress(child, timeoutMs);
  return {
    brokers: [address],
    stop: () => {
      child.kill('SIGCONT');
      return stopProcess(child);
    },
    freeze: () => void child.kill('SIGSTOP'),
    thaw: () => void child.kill('SIGCONT'),
  };
}

function readBootstrapAddress(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kcat mock broker did not report its address within ${timeoutMs} ms: ${seen}`));
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot start kcat (apt-get install -y kcat): ${err.message}`));
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /(?:replaced with|bootstrap\.servers=)\s*([0-9.]+:\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        seen = '';
        resolve(match[1]);
      } else if (seen.length > 64_000) {
        seen = seen.slice(-4_000);
      }
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
  });
}
