import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { GraphQLContext } from './context';

/**
 * Limits that keep one request from tying up the server: how deep a query nests and how
 * much work it asks for. Both are checked before anything runs, and the error says the
 * figure, the limit and what to do.
 */
export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COMPLEXITY = 5_000;

/** Depth of the deepest field of the operation, fragments followed. Introspection's own nesting is not counted. */
export function queryDepth(document: DocumentNode, operationName?: string): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));
  return Math.max(0, ...operations.map((o) => selectionDepth(o.selectionSet, fragments, new Set())));
}

function selectionDepth(set: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, visiting: Set<string>): number {
  if (!set) return 0;
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      deepest = Math.max(deepest, 1 + selectionDepth(selection.selectionSet, fragments, visiting));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments, visiting));
    } else {
      const name = selection.name.value;
      // A fragment spread inside itself is refused by GraphQL's own rules; do not loop on it here.
      if (visiting.has(name)) continue;
      visiting.add(name);
      deepest = Math.max(deepest, selectionDepth(fragments.get(name)?.selectionSet, fragments, visiting));
      visiting.delete(name);
    }
  }
  return deepest;
}

/** A list costs its items times `first`; any other field costs 1 plus its children (or its declared complexity). */
const listEstimator: ComplexityEstimator = ({ args, childComplexity }) => (typeof args.first === 'number' ? 1 + args.first * childComplexity : undefined);
const fieldEstimator: ComplexityEstimator = ({ childComplexity }) => 1 + childComplexity;

export function queryComplexity(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName?: string): number {
  return getComplexity({ schema, query: document, variables, operationName, estimators: [listEstimator, fieldExtensionsEstimator(), fieldEstimator] });
}

/**
 * Both figures depend only on the document, the operation and the variables. Apollo hands
 * the same parsed document to every request with the same text, so a tool sending the same
 * operation over and over has them walked once, not on every request. A few variable sets
 * are kept per document; the cache goes with the document.
 */
const VARIABLE_SETS_KEPT = 32;
type Measured = WeakMap<DocumentNode, Map<string, { depth: number; complexity: number | null }>>;

function measure(measured: Measured, schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName?: string): { depth: number; complexity: number | null } {
  const key = JSON.stringify([operationName ?? null, variables]);
  let known = measured.get(document);
  const hit = known?.get(key);
  if (hit) return hit;
  let complexity: number | null;
  try {
    complexity = queryComplexity(schema, document, variables, operationName);
  } catch {
    // Variables that do not fit their types: execution refuses them next, as BAD_USER_INPUT naming the variable.
    complexity = null;
  }
  const figures = { depth: queryDepth(document, operationName), complexity };
  if (!known) measured.set(document, (known = new Map()));
  if (known.size >= VARIABLE_SETS_KEPT) known.clear();
  known.set(key, figures);
  return figures;
}

/** Both limits, checked once the operation is known and before anything runs. */
export function queryLimitsPlugin(schema: GraphQLSchema, limits = { maxDepth: MAX_QUERY_DEPTH, maxComplexity: MAX_QUERY_COMPLEXITY }): ApolloServerPlugin<GraphQLContext> {
  const { maxDepth, maxComplexity } = limits;
  const measured: Measured = new WeakMap();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const { depth, complexity } = measure(measured, schema, document, request.variables ?? {}, request.operationName ?? undefined);
          if (depth > maxDepth) {
            throw new GraphQLError(`This query nests ${depth} levels deep; the limit is ${maxDepth}. Ask for less nested data, or split it into several queries.`, {
              extensions: { code: 'QUERY_TOO_DEEP', depth, maxDepth, http: { status: 400 } },
            });
          }
          if (complexity === null) return;
          if (complexity > maxComplexity) {
            throw new GraphQLError(
              `This query would cost ${complexity} (a list costs its fields times \`first\`); the limit is ${maxComplexity}. Ask for smaller pages (first) or fewer fields.`,
              { extensions: { code: 'QUERY_TOO_COMPLEX', complexity, maxComplexity, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
