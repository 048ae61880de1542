import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { CLOCK, type Clock } from '@monitoring/platform/clock';
import { EVENT_STORE, START, type EventStore } from '@monitoring/event-store';
import { DataSource } from 'typeorm';
import { ExchangeBatchEntity } from './exchange-batch.entity';
import {
  BATCH_FILES,
  fileInfoOf,
  renderBatch,
  sha256,
  type BatchIdentity,
  type RenderedBatch,
} from './exchange-files';
import { ExchangeLogReader } from './exchange-log-reader';
import { EXCHANGE_OPTIONS, type ResolvedExchangeOptions } from './exchange.options';

/** One advisory lock for every process that cuts batches: runs queue behind it, so batches never overlap. */
const BATCH_LOCK_SQL = `SELECT pg_advisory_lock(hashtext('monitoring.exchange_batch'))`;
const BATCH_UNLOCK_SQL = `SELECT pg_advisory_unlock(hashtext('monitoring.exchange_batch'))`;

export interface RegenerationFileCheck {
  name: string;
  expectedSha256: string;
  actualSha256: string;
  matches: boolean;
}

export interface RegenerationReport {
  batchId: string;
  identical: boolean;
  files: RegenerationFileCheck[];
}

@Injectable()
export class ExchangeBatchService {
  private readonly logger = new Logger(ExchangeBatchService.name);
  private readonly reader: ExchangeLogReader;

  constructor(
    @Inject(EXCHANGE_OPTIONS) private readonly options: ResolvedExchangeOptions,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {
    this.reader = new ExchangeLogReader(store, options.visibilityTimeoutMs);
  }

  /**
   * Cuts the next batch: from the end of the previous one to the head pinned now. Runs hold a
   * session-level advisory lock (no transaction stays open meanwhile, so log readers are not held
   * back); the unique sequence is the backstop if the lock is ever bypassed.
   */
  async run(triggeredBy: string): Promise<ExchangeBatchEntity> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(BATCH_LOCK_SQL);
      try {
        return await this.cutBatch(triggeredBy);
      } finally {
        await runner.query(BATCH_UNLOCK_SQL);
      }
    } finally {
      await runner.release();
    }
  }

  private async cutBatch(triggeredBy: string): Promise<ExchangeBatchEntity> {
    const batches = this.dataSource.getRepository(ExchangeBatchEntity);
    const [previous] = await batches.find({ order: { sequence: 'DESC' }, take: 1 });
    const { head } = await this.store.position();
    const identity: BatchIdentity = {
      batchId: randomUUID(),
      sequence: (previous?.sequence ?? 0) + 1,
      fromCheckpoint: previous?.toCheckpoint ?? START,
      // An empty log, or nothing since the last batch: an empty batch that ends where the last one did.
      toCheckpoint:
        previous && (head === START || this.store.compareCheckpoints(head, previous.toCheckpoint) <= 0)
          ? previous.toCheckpoint
          : head,
      generatedAt: this.clock.now(),
    };
    const rendered = await this.render(identity);
    const directory = await this.publish(identity.batchId, rendered);
    try {
      const batch = batches.create({
        id: identity.batchId,
        sequence: identity.sequence,
        fromCheckpoint: identity.fromCheckpoint,
        toCheckpoint: identity.toCheckpoint,
        generatedAt: identity.generatedAt,
        rowCount: rendered.manifest.rowCount,
        files: rendered.files.map(fileInfoOf),
        triggeredBy,
        acknowledgedAt: null,
        acknowledgedBy: null,
      });
      await batches.insert(batch);
      this.logger.log(
        `exchange batch ${identity.sequence} (${identity.batchId}): ${batch.rowCount} households, ` +
          `log (${identity.fromCheckpoint || 'start'}, ${identity.toCheckpoint || 'start'}]`,
      );
      return batch;
    } catch (error) {
      await rm(directory, { recursive: true, force: true });
      throw error;
    }
  }

  list(): Promise<ExchangeBatchEntity[]> {
    return this.dataSource.getRepository(ExchangeBatchEntity).find({ order: { sequence: 'DESC' } });
  }

  async get(batchId: string): Promise<ExchangeBatchEntity> {
    const batch = await this.dataSource.getRepository(ExchangeBatchEntity).findOneBy({ id: batchId });
    if (!batch) throw new NotFoundException(`exchange batch ${batchId} not found`);
    return batch;
  }

  /** The path of one of the batch's own files; any other name is not found (never a path from input). */
  async filePath(batchId: string, name: string): Promise<{ path: string; size: number }> {
    const batch = await this.get(batchId);
    const file = batch.files.find((candidate) => candidate.name === name);
    if (!file || !BATCH_FILES.includes(file.name)) {
      throw new NotFoundException(
        `exchange batch ${batchId} has no file ${JSON.stringify(name.slice(0, 60))}`,
      );
    }
    return { path: join(this.options.dir, batch.id, file.name), size: file.size };
  }

  /** The bureau confirms receipt. Idempotent: the first acknowledgement stands. */
  async acknowledge(batchId: string, by: string): Promise<ExchangeBatchEntity> {
    await this.dataSource.query(
      `UPDATE exchange_batch SET acknowledged_at = $2, acknowledged_by = $3 WHERE id = $1 AND acknowledged_at IS NULL`,
      [batchId, this.clock.now(), by],
    );
    return this.get(batchId);
  }

  /**
   * Regenerates a batch from the log into a temporary directory and compares every file's SHA-256
   * with the one recorded for the batch (the manifest's, and the manifest's own).
   */
  async regenerate(batchId: string): Promise<RegenerationReport> {
    const batch = await this.get(batchId);
    const rendered = await this.render({
      batchId: batch.id,
      sequence: batch.sequence,
      fromCheckpoint: batch.fromCheckpoint,
      toCheckpoint: batch.toCheckpoint,
      generatedAt: batch.generatedAt,
    });
    const scratch = await mkdtemp(join(tmpdir(), `exchange-${batch.id}-`));
    try {
      const files: RegenerationFileCheck[] = [];
      for (const { name, content } of rendered.files) {
        await writeFile(join(scratch, name), content);
        const actualSha256 = sha256(await readFile(join(scratch, name)));
        const expectedSha256 = batch.files.find((file) => file.name === name)?.sha256 ?? '';
        files.push({ name, expectedSha256, actualSha256, matches: expectedSha256 === actualSha256 });
      }
      return { batchId: batch.id, identical: files.every((file) => file.matches), files };
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  private async render(identity: BatchIdentity): Promise<RenderedBatch> {
    const rows = await this.reader.rows(identity.fromCheckpoint, identity.toCheckpoint);
    return renderBatch(identity, rows);
  }

  /** Writes the files beside the final directory, then renames: a batch directory is never half-written. */
  private async publish(batchId: string, rendered: RenderedBatch): Promise<string> {
    await mkdir(this.options.dir, { recursive: true });
    const partial = join(this.options.dir, `.${batchId}.partial`);
    const directory = join(this.options.dir, batchId);
    await mkdir(partial);
    try {
      for (const { name, content } of rendered.files) await writeFile(join(partial, name), content);
      await rename(partial, directory);
    } catch (error) {
      await rm(partial, { recursive: true, force: true });
      throw error;
    }
    return directory;
  }
}
