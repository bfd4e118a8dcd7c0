import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from './src/entities';
import { MIGRATIONS } from './migrations';

/**
 * The one DataSource definition, for the app and the TypeORM CLI. The schema comes only
 * from migrations: `synchronize` is never on.
 */
export function createDataSource(url: string, options: { poolSize?: number; logging?: boolean; connectTimeoutMs?: number } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'all',
    poolSize: options.poolSize ?? 10,
    // A database that does not answer fails the request within seconds (503) instead of holding it forever.
    connectTimeoutMS: options.connectTimeoutMs ?? 5_000,
    logging: options.logging ?? false,
  });
}

// For the TypeORM CLI (`npx typeorm -d dist/ormconfig.js migration:show`).
export default createDataSource(process.env.DATABASE_URL ?? 'postgres://localhost/mixwise');
