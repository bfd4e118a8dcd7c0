import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Router } from 'express';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { authenticateApiKey } from '../src/services/apiKeys';
import type { AppContext } from '../src/services/appContext';
import { CsvRejected } from '../src/data';
import { InfeasibleConstraintsError, ScenarioError } from '../src/scenarios/errors';
import { UserFacingError } from '../src/services/errors';
import type { GraphQLContext } from './context';
import { queryLimitsPlugin } from './limits';
import { createLoaders } from './loaders';

/**
 * Apollo on an express router mounted at /graphql. JSON is parsed here only: Bolt verifies
 * Slack signatures on the raw body of /slack/events, so nothing may parse it globally.
 */
export async function createGraphQLRouter(app: AppContext, schema: GraphQLSchema, plugins: ApolloServerPlugin<GraphQLContext>[] = []): Promise<{ router: Router; stop: () => Promise<void> }> {
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    plugins: [queryLimitsPlugin(schema), ...plugins],
    introspection: true,
    includeStacktraceInErrorResponses: app.config.isDevelopment,
    formatError: (formatted, error) => formatGraphQLError(formatted, error, app),
  });
  await apollo.start();
  const router = express.Router();
  router.use(
    express.json({ limit: '10mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({ app, caller: await callerFrom(app, req.headers.authorization), loaders: createLoaders(app.ds) }),
    }),
  );
  return { router, stop: () => apollo.stop() };
}

async function callerFrom(app: AppContext, header: string | undefined): Promise<GraphQLContext['caller']> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) throw unauthenticated('Missing API key: send "Authorization: Bearer <api key>"');
  const key = await authenticateApiKey(app.ds, match[1]);
  if (!key) throw unauthenticated('Invalid or revoked API key');
  return { keyId: key.id, role: key.role };
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/**
 * Errors the caller can fix keep their message and say where (service errors with their
 * problems, impossible scenarios with the constraints that clash, rejected CSV rows);
 * anything unexpected is logged and, outside development, hidden behind a plain message.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown, app: AppContext): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const userFacing = (extensions: Record<string, unknown>): GraphQLFormattedError => ({
    message: (original as Error).message,
    path: formatted.path,
    locations: formatted.locations,
    extensions,
  });
  if (original instanceof UserFacingError) return userFacing({ code: original.code, problems: original.problems });
  if (original instanceof InfeasibleConstraintsError) return userFacing({ code: 'BAD_USER_INPUT', problems: [{ path: 'input.constraints', message: original.message }], conflicts: original.conflicts });
  if (original instanceof ScenarioError) return userFacing({ code: 'BAD_USER_INPUT', problems: [{ path: 'input', message: original.message }] });
  if (original instanceof CsvRejected) {
    return userFacing({ code: 'BAD_USER_INPUT', problems: original.problems.map((p) => ({ path: 'input.csv', ...p })), problemsNotListed: original.notListed });
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') return formatted;
  app.log.error({ err: original ?? error, path: formatted.path }, 'GraphQL request failed');
  if (app.config.isDevelopment) return formatted;
  return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
