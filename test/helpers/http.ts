/** A GraphQL request over real HTTP, as an internal tool would send it. */
export async function graphqlRequest(
  baseUrl: string,
  query: string,
  options: { key?: string | null; variables?: Record<string, unknown> } = {},
): Promise<{ status: number; body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }> } }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  const res = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables: options.variables ?? {} }) });
  return { status: res.status, body: (await res.json()) as never };
}
