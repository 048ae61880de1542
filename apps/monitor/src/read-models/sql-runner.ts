import type { DataSource, QueryRunner } from 'typeorm';

/** Runs one SQL statement and returns its rows and the number of rows it affected. */
export interface SqlRunner {
  query<T = Record<string, unknown>>(sql: string, parameters?: readonly unknown[]): Promise<SqlResult<T>>;
}

export interface SqlResult<T> {
  rows: T[];
  affected: number;
}

interface StructuredResult {
  records?: unknown[];
  affected?: number;
}

/** A SqlRunner on a TypeORM query runner (one connection; its transaction, if one is open). */
export const sqlOn = (runner: QueryRunner): SqlRunner => ({
  async query<T>(sql: string, parameters: readonly unknown[] = []) {
    const result = (await runner.query(sql, [...parameters], true)) as StructuredResult;
    return { rows: (result.records ?? []) as T[], affected: result.affected ?? 0 };
  },
});

/**
 * Runs `work` in one transaction on its own connection: committed when it resolves, rolled back when
 * it throws.
 */
export const inTransaction = async <T>(
  dataSource: DataSource,
  work: (sql: SqlRunner) => Promise<T>,
): Promise<T> => {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    try {
      const result = await work(sqlOn(runner));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  } finally {
    await runner.release();
  }
};

/** One statement outside any explicit transaction. */
export const sqlOf = (dataSource: DataSource): SqlRunner => ({
  async query<T>(sql: string, parameters: readonly unknown[] = []) {
    const runner = dataSource.createQueryRunner();
    try {
      return await sqlOn(runner).query<T>(sql, parameters);
    } finally {
      await runner.release();
    }
  },
});
