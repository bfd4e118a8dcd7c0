import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { ApiKey, Role } from '../../src/entities';
import { Listed } from '../pagination';

export enum RoleEnum {
  VIEWER = 'viewer',
  ANALYST = 'analyst',
  ADMIN = 'admin',
}
registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'What an API key may do; each role includes the ones before it.',
  valuesConfig: {
    VIEWER: { description: 'Read everything.' },
    ANALYST: { description: 'Also run scenarios, ask, train models, ingest data and edit channels.' },
    ADMIN: { description: 'Also manage API keys, job schedules and which model is in production.' },
  },
});

@ObjectType('ApiKey', { description: 'An API key. The secret itself is shown only once, when it is created.' })
export class ApiKeyType extends Listed {
  @Field(() => ID, { description: 'Key id (to revoke it).' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'What the key is for.' })
  name!: string | null;

  @Field(() => RoleEnum, { description: 'What the key may do.' })
  role!: RoleEnum;

  @Field(() => String, { description: 'First characters of the key, to tell keys apart.' })
  prefix!: string;

  @Field(() => Date, { description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; a revoked key no longer works.' })
  revokedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was last used.' })
  lastUsedAt!: Date | null;

  static from(row: Pick<ApiKey, 'id' | 'name' | 'prefix' | 'createdAt' | 'revokedAt' | 'lastUsedAt'> & { role: Role }): ApiKeyType {
    return Object.assign(new ApiKeyType(), {
      id: row.id,
      name: row.name,
      role: row.role as RoleEnum,
      prefix: row.prefix,
      createdAt: row.createdAt,
      revokedAt: row.revokedAt,
      lastUsedAt: row.lastUsedAt,
    });
  }
}


@ObjectType('CreatedApiKey', { description: 'A new API key with its secret: store the secret now, it is never shown again.' })
export class CreatedApiKeyType {
  @Field(() => String, { description: 'The secret, to send as "Authorization: Bearer <key>".' })
  key!: string;

  @Field(() => ApiKeyType, { description: 'The key’s record.' })
  apiKey!: ApiKeyType;
}
