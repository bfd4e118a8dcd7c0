import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ApiKey, ROLES, type Role } from '../entities';
import { queryPrepared } from '../db/prepared';
import { badInput, notFound } from './errors';

const ROLE_RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

export function roleAllows(role: Role, needed: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}

export function parseRole(value: string): Role {
  const role = value.trim().toLowerCase();
  if (!(ROLES as readonly string[]).includes(role)) {
    throw badInput(`Unknown role "${value}". Roles: ${ROLES.join(', ')}`, [{ path: 'role', message: `must be one of ${ROLES.join(', ')}` }]);
  }
  return role as Role;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Creates a key and returns it in clear, the only time it is ever visible. */
export async function createApiKey(ds: DataSource, role: Role, name: string | null = null): Promise<{ id: string; key: string; role: Role; prefix: string }> {
  const key = `mxw_${randomBytes(24).toString('base64url')}`;
  const row = ds.getRepository(ApiKey).create({ role, name, keyHash: hashApiKey(key), prefix: key.slice(0, 10) });
  await ds.getRepository(ApiKey).save(row);
  return { id: row.id, key, role, prefix: row.prefix };
}

/** How stale `last_used_at` may be: writing it on every request would cost a row update per request. */
export const LAST_USED_RESOLUTION_SECONDS = 60;

/**
 * The active key matching a presented secret, or null. One statement: the key is read on
 * every request (so a revocation counts at once), and `last_used_at` is written at most once
 * a minute per key; the WHERE on the row's own `last_used_at` keeps concurrent requests from
 * all writing it.
 */
export async function authenticateApiKey(ds: DataSource, presented: string): Promise<ApiKey | null> {
  const rows = await queryPrepared<ApiKey>(
    ds,
    `WITH found AS (
       SELECT id, name, role, prefix, created_at, revoked_at, last_used_at FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL
     ), touched AS (
       UPDATE api_keys SET last_used_at = now()
       WHERE id = (SELECT id FROM found) AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2))
       RETURNING last_used_at
     )
     SELECT id, name, role, prefix, created_at AS "createdAt", revoked_at AS "revokedAt", COALESCE((SELECT last_used_at FROM touched), last_used_at) AS "lastUsedAt" FROM found`,
    [hashApiKey(presented), LAST_USED_RESOLUTION_SECONDS],
  );
  return rows[0] ?? null;
}

export async function revokeApiKey(ds: DataSource, id: string): Promise<ApiKey> {
  const repo = ds.getRepository(ApiKey);
  const key = await repo.findOneBy({ id });
  if (!key) throw notFound(`No API key with id ${id}`);
  if (!key.revokedAt) {
    key.revokedAt = new Date();
    await repo.save(key);
  }
  return key;
}

export async function countAdminKeys(ds: DataSource): Promise<number> {
  return ds.getRepository(ApiKey).count({ where: { role: 'admin' } });
}
