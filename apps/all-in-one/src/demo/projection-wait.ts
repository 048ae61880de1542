import { setTimeout as sleep } from 'node:timers/promises';
import type { AuthUser } from '@monitoring/auth';
import type { DemoApi } from './demo-api';

interface ProjectionProgress {
  checkpoint: string;
  head: string;
  lag: number;
}

/** Fails when the lag has not shrunk for this long. */
const STALL_MS = 180_000;
const POLL_MS = 500;

/**
 * Waits until `GET /health/projections` reports no lag twice in a row at the same head: every event in
 * the log is in the read models, the case events the process manager appended on the way included.
 */
export async function waitForProjections(
  api: DemoApi,
  user: AuthUser,
  onProgress?: (lag: number) => void,
): Promise<void> {
  let previous: ProjectionProgress | null = null;
  let lowest = Number.POSITIVE_INFINITY;
  let lastShrunk = performance.now();
  let lastReport = performance.now();
  for (;;) {
    const progress = await api.get<ProjectionProgress>('/health/projections', user);
    if (progress.lag === 0 && previous?.lag === 0 && previous.head === progress.head) return;
    const now = performance.now();
    if (progress.lag < lowest) {
      lowest = progress.lag;
      lastShrunk = now;
    } else if (now - lastShrunk > STALL_MS) {
      throw new Error(
        `the projection has not caught up for ${STALL_MS / 1000} s (${progress.lag} events behind): see the log above`,
      );
    }
    if (onProgress && now - lastReport >= 5_000) {
      onProgress(progress.lag);
      lastReport = now;
    }
    previous = progress;
    await sleep(POLL_MS);
  }
}
