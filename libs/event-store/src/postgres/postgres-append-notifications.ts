import { Client, type ClientConfig } from 'pg';
import { backoffMs, sleep } from '../shared/sleep';

/**
 * One LISTEN connection shared by a store's subscriptions. Every notification (and every reconnect,
 * since notifications may have been missed meanwhile) bumps `generation` and wakes the waiters. The
 * connection is re-opened with back-off whenever it is lost; subscriptions poll as a fallback.
 */
export class PostgresAppendNotifications {
  private client: Client | undefined;
  private started = false;
  private readonly closing = new AbortController();
  private readonly waiters = new Set<() => void>();
  private generationValue = 0;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
  ) {}

  get generation(): number {
    return this.generationValue;
  }

  /** Opens the LISTEN connection on first use; later calls do nothing. */
  start(): void {
    if (this.started) return;
    this.started = true;
    void this.connectLoop();
  }

  /**
   * Resolves `true` once the generation moves past `since` (a notification or a reconnect), `false`
   * after `timeoutMs` or when the signal aborts.
   */
  waitForChange(since: number, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
    if (this.generationValue !== since) return Promise.resolve(true);
    if (signal.aborted || this.closing.signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const finish = (notified: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(onChange);
        signal.removeEventListener('abort', onAbort);
        resolve(notified);
      };
      const onChange = () => finish(true);
      const onAbort = () => finish(false);
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.waiters.add(onChange);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  async close(): Promise<void> {
    this.closing.abort();
    for (const wake of [...this.waiters]) wake();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private bump(): void {
    this.generationValue += 1;
    for (const wake of [...this.waiters]) wake();
  }

  private async connectLoop(): Promise<void> {
    for (let failures = 0; !this.closing.signal.aborted;) {
      const client = new Client(this.config);
      const lost = new Promise<void>((resolve) => {
        client.once('error', () => resolve());
        client.once('end', () => resolve());
      });
      client.on('error', () => undefined);
      client.on('notification', () => this.bump());
      try {
        await client.connect();
        await client.query(`LISTEN ${this.channel}`);
      } catch {
        await client.end().catch(() => undefined);
        failures += 1;
        await sleep(backoffMs(failures), this.closing.signal);
        continue;
      }
      if (this.closing.signal.aborted) {
        await client.end().catch(() => undefined);
        return;
      }
      failures = 0;
      this.client = client;
      this.bump();
      await lost;
      if (this.client === client) this.client = undefined;
      await client.end().catch(() => undefined);
      if (!this.closing.signal.aborted) await sleep(backoffMs(1), this.closing.signal);
    }
  }
}
