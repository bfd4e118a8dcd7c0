import type { DataSource } from 'typeorm';

/** SQL statements sent while `work` runs, counted at TypeORM's query logger (every statement passes it). */
export async function statementsDuring(ds: DataSource, work: () => Promise<unknown>): Promise<string[]> {
  const logger = ds.logger;
  const original = logger.logQuery.bind(logger);
  const seen: string[] = [];
  logger.logQuery = (sql, parameters, runner) => {
    seen.push(sql);
    return original(sql, parameters, runner);
  };
  try {
    await work();
  } finally {
    logger.logQuery = original;
  }
  return seen;
}
