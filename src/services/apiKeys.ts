import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ApiKey, ROLES, type Role } from '../entities';
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

/** The active key matching a presented secret, or null. */
export async function authenticateApiKey(ds: DataSource, presented: string): Promise<ApiKey | null> {
  const rows: ApiKey[] = await ds.getRepository(ApiKey).query(
    `UPDATE api_keys SET last_used_at = now() WHERE key_hash = $1 AND revoked_at IS NULL
     RETURNING id, name, role, prefix, created_at AS "createdAt", revoked_at AS "revokedAt", last_used_at AS "lastUsedAt"`,
    [hashApiKey(presented)],
  ).then((r: [ApiKey[], number] | ApiKey[]) => (Array.isArray(r[0]) ? (r[0] as ApiKey[]) : (r as ApiKey[])));
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
