import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { roleAuthChecker } from './auth';
import { DatasetResolver } from './resolvers/DatasetResolver';
import { ModelResolver } from './resolvers/ModelResolver';

export const RESOLVERS = [DatasetResolver, ModelResolver] as const;

/** The GraphQL schema, built from the type-graphql classes. `schema/schema.graphql` is its committed SDL. */
export async function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    authChecker: roleAuthChecker,
    validate: false,
  });
}
