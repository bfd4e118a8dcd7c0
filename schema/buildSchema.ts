import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { roleAuthChecker } from './auth';
import { DatasetResolver } from './resolvers/DatasetResolver';
import { ModelResolver } from './resolvers/ModelResolver';
import { AnswerResolver, NotebookResolver } from './resolvers/NotebookResolver';
import { JobRunResolver, OperationsResolver } from './resolvers/OperationsResolver';
import { ScenarioResolver } from './resolvers/ScenarioResolver';

export const RESOLVERS = [DatasetResolver, ModelResolver, ScenarioResolver, NotebookResolver, AnswerResolver, OperationsResolver, JobRunResolver] as const;

/** The GraphQL schema, built from the type-graphql classes. `schema/schema.graphql` is its committed SDL. */
export async function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    authChecker: roleAuthChecker,
    // Inputs are checked by hand (schema/inputs), with messages that name the field path.
    validate: false,
  });
}
