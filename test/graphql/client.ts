import { expect } from 'vitest';
import { graphqlRequest } from '../helpers/http';

export interface GraphQLFailure {
  message: string;
  code: string;
  problems?: Array<{ path?: string; row?: number; column?: string | null; message: string }>;
  extensions: Record<string, unknown>;
}

/** A request that must succeed: its data, or the test fails with the errors it got. */
export async function query<T = Record<string, unknown>>(url: string, key: string, text: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await graphqlRequest(url, text, { key, variables });
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data as T;
}

/** A request that must fail: its first error, flattened. */
export async function failure(url: string, key: string | null, text: string, variables: Record<string, unknown> = {}): Promise<GraphQLFailure & { status: number }> {
  const res = await graphqlRequest(url, text, { key, variables });
  expect(res.body.errors?.length, `expected an error, got ${JSON.stringify(res.body.data)}`).toBeGreaterThan(0);
  const error = res.body.errors![0];
  const extensions = error.extensions ?? {};
  return { status: res.status, message: error.message, code: String(extensions.code), problems: extensions.problems as GraphQLFailure['problems'], extensions };
}
