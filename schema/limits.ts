import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type ASTNode, type FragmentDefinitionNode, type GraphQLSchema, type SelectionSetNode, type ValidationContext, type ASTVisitor } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { GraphQLContext } from './context';

/**
 * Limits that keep one request from tying up the server: how deep a query nests and how
 * much work it asks for. Both are checked before anything runs, and the error says the
 * figure, the limit and what to do.
 */
export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COMPLEXITY = 5_000;

/** Depth of the deepest field of each operation, fragments followed. Introspection's own nesting is not counted. */
export function depthLimitRule(maxDepth = MAX_QUERY_DEPTH): (context: ValidationContext) => ASTVisitor {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    return {
      OperationDefinition(operation) {
        const depth = selectionDepth(operation.selectionSet, fragments, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`This query nests ${depth} levels deep; the limit is ${maxDepth}. Ask for less nested data, or split it into several queries.`, {
              nodes: [operation as ASTNode],
              extensions: { code: 'QUERY_TOO_DEEP', depth, maxDepth },
            }),
          );
        }
      },
    };
  };
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

/** A page costs its items times `first`; any other field costs 1 plus its children (or its declared complexity). */
const pageEstimator: ComplexityEstimator = ({ args, childComplexity }) => (typeof args.first === 'number' ? 1 + args.first * childComplexity : undefined);
const fieldEstimator: ComplexityEstimator = ({ childComplexity }) => 1 + childComplexity;

export function queryComplexity(schema: GraphQLSchema, document: Parameters<typeof getComplexity>[0]['query'], variables: Record<string, unknown>, operationName?: string): number {
  return getComplexity({ schema, query: document, variables, operationName, estimators: [pageEstimator, fieldExtensionsEstimator(), fieldEstimator] });
}

export function complexityLimitPlugin(schema: GraphQLSchema, maxComplexity = MAX_QUERY_COMPLEXITY): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let complexity: number;
          try {
            complexity = queryComplexity(schema, document, request.variables ?? {}, request.operationName ?? undefined);
          } catch {
            // Variables that do not fit their types: execution refuses them next, as BAD_USER_INPUT naming the variable.
            return;
          }
          if (complexity > maxComplexity) {
            throw new GraphQLError(
              `This query would cost ${complexity} (a page costs its fields times \`first\`); the limit is ${maxComplexity}. Ask for smaller pages (first) or fewer fields.`,
              { extensions: { code: 'QUERY_TOO_COMPLEX', complexity, maxComplexity, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
