import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type Router } from 'express';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { authenticateApiKey } from '../src/services/apiKeys';
import type { AppContext } from '../src/services/appContext';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../src/db/unavailable';
import { classifyError, type ErrorVerdict } from '../src/services/errors';
import type { GraphQLContext } from './context';
import { MAX_QUERY_TOKENS, queryLimitsPlugin } from './limits';
import { createLoaders } from './loaders';
import { apiKeyRateLimit } from './rateLimit';

/** Request bodies past this are refused (413) before they are parsed; a CSV of ten years × fifty channels is about 300 kB. */
export const MAX_GRAPHQL_BODY = '10mb';

/**
 * Apollo on an express router mounted at /graphql. JSON is parsed here only: Bolt verifies
 * Slack signatures on the raw body of /slack/events, so nothing may parse it globally.
 */
export async function createGraphQLRouter(app: AppContext, schema: GraphQLSchema, plugins: ApolloServerPlugin<GraphQLContext>[] = []): Promise<{ router: Router; stop: () => Promise<void> }> {
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    plugins: [queryLimitsPlugin(schema), unavailableStatusPlugin(), ...plugins, ApolloServerPluginCacheControlDisabled()],
    introspection: true,
    // A document past this many tokens is refused while it is parsed, before any limit has to walk it.
    parseOptions: { maxTokens: MAX_QUERY_TOKENS },
    includeStacktraceInErrorResponses: app.config.isDevelopment,
    formatError: (formatted, error) => formatGraphQLError(formatted, error, app),
  });
  await apollo.start();
  const rateLimit = apiKeyRateLimit(app.config.graphqlRequestsPerMinute);
  const router = express.Router();
  router.use(
    // Only UTF-8 JSON (body-parser refuses other charsets with 415); gzip is inflated up to the same limit.
    express.json({ limit: MAX_GRAPHQL_BODY }),
    (req, _res, next) => {
      // Apollo wants an object (or a batch, refused below); anything else is a plain 400, not a crash.
      if (req.method === 'POST' && (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body))) {
        next(Object.assign(new Error('The request body must be a JSON object: {"query": "...", "variables": {...}}'), { status: 400, expose: true, type: 'body.not.object' }));
      } else next();
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const gone = new AbortController();
        res.once('close', () => {
          if (!res.writableFinished) gone.abort();
        });
        const caller = await callerFrom(app, req.headers.authorization);
        await rateLimit(caller.keyId);
        return { app, caller, loaders: createLoaders(app.ds), signal: gone.signal };
      },
    }),
  );
  router.use(jsonErrors(app));
  return { router, stop: () => apollo.stop() };
}

async function callerFrom(app: AppContext, header: string | undefined): Promise<GraphQLContext['caller']> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) throw unauthenticated('Missing API key: send "Authorization: Bearer <api key>"');
  let key: Awaited<ReturnType<typeof authenticateApiKey>>;
  try {
    key = await authenticateApiKey(app.ds, match[1]);
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    app.log.warn({ err: { message: (err as Error).message } }, 'database unreachable while checking an API key');
    throw new GraphQLError(DATABASE_UNAVAILABLE_MESSAGE, { extensions: { code: DATABASE_UNAVAILABLE, http: { status: 503, headers: new Map([['retry-after', '5']]) } } });
  }
  if (!key) throw unauthenticated('Invalid or revoked API key');
  return { keyId: key.id, role: key.role };
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';
export const TIME_BUDGET_EXCEEDED = 'TIME_BUDGET_EXCEEDED';

/**
 * A response whose errors say the database is unreachable is a 503 with Retry-After, so clients
 * know to retry. Every response says `cache-control: no-store`, as Apollo's cache-control plugin
 * said for a schema without cache hints: that plugin is off, because it hooked every field a
 * query resolves (40 on a what-if's full answer), about 3% of the request.
 */
function unavailableStatusPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
          if (errors?.some((e) => e.extensions?.code === DATABASE_UNAVAILABLE)) {
            response.http.status = 503;
            response.http.headers.set('retry-after', '5');
          }
        },
      };
    },
  };
}

/**
 * Errors before GraphQL runs (a body that is not JSON, too large, in another charset, not an
 * object) in GraphQL's own JSON shape, never express's HTML page with its stack trace.
 */
export function jsonErrors(app: AppContext): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    const e = err as { status?: unknown; statusCode?: unknown; type?: unknown; expose?: unknown; message?: unknown };
    const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 500;
    const known: Record<string, [string, string]> = {
      'entity.parse.failed': ['BAD_REQUEST', 'The request body is not valid JSON.'],
      'entity.too.large': ['PAYLOAD_TOO_LARGE', `The request body is larger than ${MAX_GRAPHQL_BODY}.`],
      'charset.unsupported': ['UNSUPPORTED_MEDIA_TYPE', 'The request body must be UTF-8 JSON (charset=utf-8).'],
      'encoding.unsupported': ['UNSUPPORTED_MEDIA_TYPE', 'The request body is in an encoding this server does not read (use identity, gzip or deflate).'],
      'request.aborted': ['BAD_REQUEST', 'The request was aborted while its body was being read.'],
      'body.not.object': ['BAD_REQUEST', String(e.message)],
    };
    const [code, message] = (typeof e.type === 'string' && known[e.type]) || (status < 500 && e.expose ? ['BAD_REQUEST', String(e.message)] : ['INTERNAL_SERVER_ERROR', 'Internal server error']);
    if (status >= 500) app.log.error({ err }, 'HTTP request failed before GraphQL ran');
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}

/**
 * Errors the caller can fix keep their message and say where (service errors with their
 * problems, impossible scenarios with the constraints that clash, rejected CSV rows);
 * an unreachable database says so (503); anything unexpected is logged and, outside
 * development, hidden behind a plain message.
 */
/** A user's error as GraphQL extensions: problems point at the input they are about. */
function userInputExtensions(verdict: ErrorVerdict & { kind: 'userInput' }): Record<string, unknown> {
  const { error, cause } = verdict;
  switch (cause) {
    case 'constraints':
      return { code: error.code, problems: [{ path: 'input.constraints', message: error.message }], conflicts: verdict.conflicts };
    case 'scenario':
      return { code: error.code, problems: [{ path: 'input', message: error.message }] };
    case 'csv':
      return { code: error.code, problems: error.problems.map((p) => ({ path: 'input.csv', ...p })), problemsNotListed: verdict.problemsNotListed };
    case 'service':
      return { code: error.code, problems: error.problems };
  }
}

export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown, app: AppContext): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const verdict = classifyError(original);
  const userFacing = (extensions: Record<string, unknown>): GraphQLFormattedError => ({
    message: (original as Error).message,
    path: formatted.path,
    locations: formatted.locations,
    extensions,
  });
  if (verdict.kind === 'userInput') return userFacing(userInputExtensions(verdict));
  if (verdict.kind === 'timeBudget') return userFacing({ code: TIME_BUDGET_EXCEEDED, budgetMs: verdict.budgetMs });
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') return code === DATABASE_UNAVAILABLE ? { ...formatted, extensions: { code } } : formatted;
  if (verdict.kind === 'databaseUnavailable' || isDatabaseUnavailable(error)) {
    app.log.warn({ err: { message: (original as Error | undefined)?.message }, path: formatted.path }, 'database unreachable during a GraphQL request');
    return { message: DATABASE_UNAVAILABLE_MESSAGE, path: formatted.path, locations: formatted.locations, extensions: { code: DATABASE_UNAVAILABLE } };
  }
  app.log.error({ err: original ?? error, path: formatted.path }, 'GraphQL request failed');
  if (app.config.isDevelopment) return formatted;
  return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
