import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The applications under apps/ that run as a process of their own. */
export type AppName = 'all-in-one' | 'ingest' | 'monitor' | 'reporting';

/** An application's compiled entry point, next to this file's compiled copy under dist/. */
const mainOf = (app: AppName) => join(__dirname, '..', '..', '..', 'apps', app, 'src', 'main.js');

/**
 * One of the applications (`npm start`'s all-in-one process, or ingest, monitor or reporting as they
 * are deployed) started as a child, so that its memory is measured apart from the benchmark's
 * records file and HTTP client.
 */
export class AppProcess {
  private constructor(
    readonly app: AppName,
    private readonly child: ChildProcess,
    /** `http://127.0.0.1:<port>/api/v1` */
    readonly baseUrl: string,
    private readonly stderr: string[],
  ) {}

  static async start(app: AppName, env: Record<string, string>): Promise<AppProcess> {
    const port = await freePort();
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' };
    // Ingest over HTTP only: no Kafka consumer, whatever the shell says.
    delete childEnv.KAFKA_BROKERS;
    // BENCH_NODE_ARGS (say `--cpu-prof --cpu-prof-dir=/tmp/profiles`) goes to the children's node.
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
    const child = spawn(process.execPath, [...nodeArgs, mainOf(app)], {
      env: childEnv,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const stderr: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr.push(chunk.toString());
      if (stderr.length > 50) stderr.shift();
    });
    const running = new AppProcess(app, child, `http://127.0.0.1:${port}/api/v1`, stderr);
    await running.waitUntilHealthy();
    return running;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`the ${this.app} process did not start`);
    return this.child.pid;
  }

  /** Resident memory now and its peak so far (VmRSS, VmHWM), in MiB. */
  async memory(): Promise<{ rssMiB: number; peakMiB: number }> {
    const status = await readFile(`/proc/${this.pid}/status`, 'utf8');
    const kib = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
  }

  /** CPU time the process has used so far (user and system), in seconds. */
  async cpuSeconds(): Promise<number> {
    return cpuSecondsOf(this.pid);
  }

  /** SIGTERM, as an orchestrator stops it; resolves when it has exited. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(killer);
  }

  private async waitUntilHealthy(): Promise<void> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (this.child.exitCode !== null) {
        throw new Error(`the ${this.app} process exited (${this.child.exitCode}):\n${this.stderr.join('')}`);
      }
      try {
        const response = await fetch(`${this.baseUrl}/health`);
        if (response.ok) return;
        await response.body?.cancel();
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(`the ${this.app} process did not become healthy:\n${this.stderr.join('')}`);
      }
      await sleep(250);
    }
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** User and system CPU seconds of a process, from /proc/<pid>/stat. */
export async function cpuSecondsOf(pid: number): Promise<number> {
  return cpuSecondsIn(await readFile(`/proc/${pid}/stat`, 'utf8'));
}

/** User and system CPU seconds in the text of a /proc/<pid>/stat. */
function cpuSecondsIn(stat: string): number {
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** CPU seconds used so far by the machine's PostgreSQL server processes (all databases). */
export async function postgresCpuSeconds(): Promise<number> {
  let total = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      if (stat.includes(' (postgres) ')) total += cpuSecondsIn(stat);
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}
