import type { ApolloServerPlugin } from '@apollo/server';
import {
  getVariableValues,
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { GraphQLContext } from './context';

/**
 * Limits that keep one request from tying up the server: how deep a query nests, how many
 * fields and aliases it has once its fragments are expanded, and how much work it asks for.
 * All are checked before anything runs, they fail closed (a document that cannot be
 * measured or priced is refused, never let through), and the error says the figure, the
 * limit and what to do.
 */
export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COMPLEXITY = 5_000;
/** Fields of the operation with every fragment spread expanded (the standard introspection query has about 150). */
export const MAX_QUERY_NODES = 1_000;
/** Aliased fields, fragments expanded: aliases are how one document repeats one costly field. */
export const MAX_QUERY_ALIASES = 50;
/**
 * Items of any one list in the variables or literals, checked before they are coerced: a list
 * of ten thousand constraints is refused by its length, not worked through item by item. (The
 * arguments' own caps, e.g. 50 constraints, are checked with their paths afterwards.)
 */
export const MAX_INPUT_LIST_ITEMS = 1_000;
/** Tokens of the query text (the full introspection query has under 200), so that a huge document is refused while it is parsed. */
export const MAX_QUERY_TOKENS = 3_000;

/**
 * A computed scenario (a what-if over every bootstrap draw, an optimization) costs this much,
 * so that one document holds a handful of them, not hundreds.
 */
export const SCENARIO_COMPLEXITY = 500;
/** A per-week plan searches each week of its horizon: it costs by its weeks on top. */
export const PER_WEEK_COMPLEXITY_PER_WEEK = 30;

export const optimizeComplexity: ComplexityEstimator = ({ args, childComplexity }) => {
  const input = (args.input ?? {}) as { perWeek?: unknown; weeks?: unknown };
  const weeks = typeof input.weeks === 'number' ? Math.max(1, input.weeks) : 13;
  return SCENARIO_COMPLEXITY + childComplexity + (input.perWeek === true ? PER_WEEK_COMPLEXITY_PER_WEEK * weeks : 0);
};

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
  maxNodes: number;
  maxAliases: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: MAX_QUERY_DEPTH, maxComplexity: MAX_QUERY_COMPLEXITY, maxNodes: MAX_QUERY_NODES, maxAliases: MAX_QUERY_ALIASES };

/** Shape of a selection with its fragments expanded. Counts may be astronomically large (a fragment fan-out): they are floats, never walked. */
export interface QueryShape {
  depth: number;
  nodes: number;
  aliases: number;
}

/**
 * The operation's shape, each fragment measured once however often it is spread (memoized),
 * so a 2^30 fan-out costs as many steps as the document has selections. Introspection's own
 * nesting does not count towards depth.
 */
export function queryShape(document: DocumentNode, operationName?: string): QueryShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));
  const memo = new Map<string, QueryShape>();
  const visiting = new Set<string>();

  const ofFragment = (name: string): QueryShape => {
    const known = memo.get(name);
    if (known) return known;
    // A fragment spread inside itself is refused by GraphQL's own rules; do not loop on it here.
    if (visiting.has(name)) return { depth: 0, nodes: 0, aliases: 0 };
    visiting.add(name);
    const shape = ofSet(fragments.get(name)?.selectionSet);
    visiting.delete(name);
    memo.set(name, shape);
    return shape;
  };
  const ofSet = (set: SelectionSetNode | undefined): QueryShape => {
    const total: QueryShape = { depth: 0, nodes: 0, aliases: 0 };
    if (!set) return total;
    for (const selection of set.selections) {
      let inner: QueryShape;
      if (selection.kind === Kind.FIELD) {
        const below = ofSet(selection.selectionSet);
        const introspection = selection.name.value.startsWith('__');
        inner = { depth: introspection ? 0 : 1 + below.depth, nodes: 1 + below.nodes, aliases: (selection.alias ? 1 : 0) + below.aliases };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = ofSet(selection.selectionSet);
      } else {
        inner = ofFragment(selection.name.value);
      }
      total.depth = Math.max(total.depth, inner.depth);
      total.nodes += inner.nodes;
      total.aliases += inner.aliases;
    }
    return total;
  };
  const shapes = operations.map((o) => ofSet(o.selectionSet));
  return {
    depth: Math.max(0, ...shapes.map((s) => s.depth)),
    nodes: shapes.reduce((s, x) => s + x.nodes, 0),
    aliases: shapes.reduce((s, x) => s + x.aliases, 0),
  };
}

/** A list costs its items times `first`; any other field costs 1 plus its children (or its declared complexity). */
const listEstimator: ComplexityEstimator = ({ args, childComplexity }) => (typeof args.first === 'number' ? 1 + args.first * childComplexity : undefined);
const fieldEstimator: ComplexityEstimator = ({ childComplexity }) => 1 + childComplexity;

export function queryComplexity(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName?: string, maxQueryNodes = MAX_QUERY_NODES * 2): number {
  return getComplexity({ schema, query: document, variables, operationName, maxQueryNodes, estimators: [listEstimator, fieldExtensionsEstimator(), fieldEstimator] });
}

/**
 * Inputs refused before anything reads them, in the query's literals or its variables: a
 * string holding a NUL character (PostgreSQL text cannot), or a list longer than
 * MAX_INPUT_LIST_ITEMS. The first found, with its path, or null.
 */
type InputProblem = { path: string; message: string };

const NUL_MESSAGE = 'text must not contain a NUL character (\\u0000)';
const tooLong = (path: string, length: number): InputProblem => ({
  path,
  message: `is a list of ${length.toLocaleString('en-US')} items; lists take at most ${MAX_INPUT_LIST_ITEMS.toLocaleString('en-US')}`,
});

/** The first input problem in the variables' values, with its path. */
function variablesProblem(variables: Record<string, unknown>): InputProblem | null {
  const inValue = (value: unknown, path: string): InputProblem | null => {
    if (typeof value === 'string') return value.includes('\u0000') ? { path, message: NUL_MESSAGE } : null;
    if (Array.isArray(value)) {
      if (value.length > MAX_INPUT_LIST_ITEMS) return tooLong(path, value.length);
      for (let i = 0; i < value.length; i++) {
        const found = inValue(value[i], `${path}[${i}]`);
        if (found) return found;
      }
      return null;
    }
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k.includes('\u0000')) return { path: `${path}.${k.split('\u0000').join('\\0')}`, message: NUL_MESSAGE };
        const found = inValue(v, `${path}.${k}`);
        if (found) return found;
      }
    }
    return null;
  };
  for (const [name, value] of Object.entries(variables)) {
    const found = inValue(value, `$${name}`);
    if (found) return found;
  }
  return null;
}

/** The first input problem in the document's own literals (arguments and variable defaults), with its path. */
function literalsProblem(document: DocumentNode): InputProblem | null {
  const inLiteral = (node: ValueNode, path: string): InputProblem | null => {
    if (node.kind === Kind.STRING) return node.value.includes('\u0000') ? { path, message: NUL_MESSAGE } : null;
    if (node.kind === Kind.LIST) {
      if (node.values.length > MAX_INPUT_LIST_ITEMS) return tooLong(path, node.values.length);
      for (let i = 0; i < node.values.length; i++) {
        const found = inLiteral(node.values[i], `${path}[${i}]`);
        if (found) return found;
      }
    }
    if (node.kind === Kind.OBJECT) {
      for (const f of node.fields) {
        const found = inLiteral(f.value, `${path}.${f.name.value}`);
        if (found) return found;
      }
    }
    return null;
  };
  const inSet = (set: SelectionSetNode | undefined, where: string): InputProblem | null => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) {
        const at = `${where}${where ? '.' : ''}${s.alias?.value ?? s.name.value}`;
        for (const a of s.arguments ?? []) {
          const found = inLiteral(a.value, `${at}(${a.name.value})`);
          if (found) return found;
        }
        const found = inSet(s.selectionSet, at);
        if (found) return found;
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        const found = inSet(s.selectionSet, where);
        if (found) return found;
      }
    }
    return null;
  };
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION && d.kind !== Kind.FRAGMENT_DEFINITION) continue;
    const found = inSet(d.selectionSet, '');
    if (found) return found;
    for (const v of (d.kind === Kind.OPERATION_DEFINITION ? d.variableDefinitions : undefined) ?? []) {
      const atDefault = v.defaultValue ? inLiteral(v.defaultValue, `$${v.variable.name.value}`) : null;
      if (atDefault) return atDefault;
    }
  }
  return null;
}

/**
 * The figures depend only on the document, the operation and the variables. Apollo hands
 * the same parsed document to every request with the same text, so a tool sending the same
 * operation over and over has them walked once, not on every request. A few variable sets
 * are kept per document; the cache goes with the document.
 */
const VARIABLE_SETS_KEPT = 32;
type Measured = WeakMap<DocumentNode, { shapes: Map<string, QueryShape>; priced: Map<string, number | GraphQLError>; literals: InputProblem | null }>;

function refusal(message: string, code: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status: 400 } } });
}

/** What a request with these variables costs, or the error that refuses it. */
function price(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined, limits: QueryLimits): number | GraphQLError {
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));
  if (operation) {
    // Variables that do not fit their types are refused here as execution would refuse them, naming the variable.
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 5 });
    if (coerced.errors) return refusal(coerced.errors.map((e) => e.message).join('; '), 'BAD_USER_INPUT', {});
  }
  try {
    return queryComplexity(schema, document, variables, operationName, limits.maxNodes * 2);
  } catch (err) {
    // Anything that stops the pricing refuses the request: a document that cannot be priced is not run.
    return refusal(`This query could not be priced (${(err as Error).message.replace(/\.$/, '')}), so it is not run. Ask for fewer fields, or split it into several queries.`, 'QUERY_TOO_COMPLEX', {
      maxComplexity: limits.maxComplexity,
    });
  }
}

function measure(
  measured: Measured,
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
  limits: QueryLimits,
): { shape: QueryShape; inputProblem: InputProblem | null; cost: () => number | GraphQLError } {
  let known = measured.get(document);
  if (!known) measured.set(document, (known = { shapes: new Map(), priced: new Map(), literals: literalsProblem(document) }));
  const entry = known;
  let shape = entry.shapes.get(operationName ?? '');
  if (!shape) entry.shapes.set(operationName ?? '', (shape = queryShape(document, operationName)));
  return {
    shape,
    // Variables first, then the document's literals (walked once per document), as they are read.
    inputProblem: variablesProblem(variables) ?? entry.literals,
    cost: () => {
      const key = JSON.stringify([operationName ?? null, variables]);
      const hit = entry.priced.get(key);
      if (hit !== undefined) return hit;
      const figure = price(schema, document, variables, operationName, limits);
      if (entry.priced.size >= VARIABLE_SETS_KEPT) entry.priced.clear();
      entry.priced.set(key, figure);
      return figure;
    },
  };
}

function checkLimits(shape: QueryShape, cost: () => number | GraphQLError, limits: QueryLimits): void {
  const { maxDepth, maxComplexity, maxNodes, maxAliases } = limits;
  if (shape.depth > maxDepth) {
    throw refusal(`This query nests ${shape.depth} levels deep; the limit is ${maxDepth}. Ask for less nested data, or split it into several queries.`, 'QUERY_TOO_DEEP', { depth: shape.depth, maxDepth });
  }
  if (shape.nodes > maxNodes) {
    throw refusal(`This query asks for ${shape.nodes.toLocaleString('en-US')} fields once its fragments are expanded; the limit is ${maxNodes}. Ask for fewer fields, or split it into several queries.`, 'QUERY_TOO_LARGE', {
      nodes: shape.nodes,
      maxNodes,
    });
  }
  if (shape.aliases > maxAliases) {
    throw refusal(`This query has ${shape.aliases.toLocaleString('en-US')} aliased fields once its fragments are expanded; the limit is ${maxAliases}. Send several requests instead.`, 'QUERY_TOO_LARGE', {
      aliases: shape.aliases,
      maxAliases,
    });
  }
  const complexity = cost();
  if (complexity instanceof GraphQLError) throw complexity;
  if (complexity > maxComplexity) {
    throw refusal(
      `This query would cost ${complexity} (a list costs its fields times \`first\`); the limit is ${maxComplexity}. Ask for smaller pages (first) or fewer fields.`,
      'QUERY_TOO_COMPLEX',
      { complexity, maxComplexity },
    );
  }
}

/** Every limit, checked once the operation is known and before anything runs. */
export function queryLimitsPlugin(schema: GraphQLSchema, limits: QueryLimits = DEFAULT_QUERY_LIMITS): ApolloServerPlugin<GraphQLContext> {
  const measured: Measured = new WeakMap();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const variables = request.variables ?? {};
          const { shape, inputProblem: problem, cost } = measure(measured, schema, document, variables, request.operationName ?? undefined, limits);
          // Inputs first: a list of ten thousand items is refused by its length before pricing coerces it.
          if (problem) throw new GraphQLError(`${problem.path}: ${problem.message}`, { extensions: { code: 'BAD_USER_INPUT', problems: [problem], http: { status: 400 } } });
          checkLimits(shape, cost, limits);
        },
      };
    },
  };
}
