import 'reflect-metadata';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from '../src/services/errors';

/**
 * Every list in the API is a page: `{ items, nextCursor }`, asked for with `first` and
 * `after`. Cursors are opaque to clients; inside they hold the sort value and id of the
 * last row (keyset pagination), so a page never skips or repeats rows when rows are added
 * before it, and a deep page costs as little as the first.
 */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `How many items to return (1 to ${MAX_PAGE_SIZE}).` })
  first!: number;

  @Field(() => String, { nullable: true, description: 'The nextCursor of the previous page; unset for the first page.' })
  after?: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The GraphQL page type of an item type: `XPage { items: [X!]!, nextCursor: String }`. */
export function PageOf<T extends object>(itemType: ClassType<T>): ClassType<Page<T>> {
  @ObjectType()
  abstract class PageClass implements Page<T> {
    @Field(() => [itemType], { description: 'The items of this page, in the list order.' })
    items!: T[];

    @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page; null on the last page.' })
    nextCursor!: string | null;
  }
  return PageClass as unknown as ClassType<Page<T>>;
}

/** How a list is ordered: a SQL expression, the same value read off a loaded row, and a direction. Ties break on id. */
export interface ListOrder<T> {
  expression: string;
  valueOf(row: T): string | number;
  direction: 'ASC' | 'DESC';
}

/** Timestamps compare at millisecond precision: that is all a JavaScript Date (and so a cursor) holds. */
export const newestFirst = <T extends { createdAt: Date }>(alias: string): ListOrder<T> => ({
  expression: `date_trunc('milliseconds', ${alias}.created_at)`,
  valueOf: (row) => row.createdAt.toISOString(),
  direction: 'DESC',
});

export function checkPageArgs(args: PageArgs): void {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${args.first}`, [{ path: 'first', message: `expected 1 to ${MAX_PAGE_SIZE}` }]);
  }
}

export function encodeCursor(value: string | number, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { value: string | number; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && (typeof parsed[0] === 'string' || typeof parsed[0] === 'number') && typeof parsed[1] === 'string') {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw badInput('after is not a cursor this API gave out: pass the nextCursor of the previous page unchanged', [{ path: 'after', message: 'invalid cursor' }]);
}

/** One page of a query: the rows after the cursor in the list order, one extra fetched to know whether more follow. */
export async function keysetPage<T extends ObjectLiteral & { id: string }>(query: SelectQueryBuilder<T>, order: ListOrder<T>, args: PageArgs): Promise<Page<T>> {
  checkPageArgs(args);
  const alias = query.alias;
  if (args.after) {
    const cursor = decodeCursor(args.after);
    const comparison = order.direction === 'ASC' ? '>' : '<';
    query.andWhere(`(${order.expression}, ${alias}.id) ${comparison} (:cursorValue, :cursorId)`, { cursorValue: cursor.value, cursorId: cursor.id });
  }
  const rows = await query
    .orderBy(order.expression, order.direction)
    .addOrderBy(`${alias}.id`, order.direction)
    .limit(args.first + 1)
    .getMany();
  const items = rows.slice(0, args.first);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > args.first && last ? encodeCursor(order.valueOf(last), String(last.id)) : null };
}

/** A loaded page mapped to its GraphQL item type. */
export function mapPage<T, U>(page: Page<T>, map: (row: T) => U): Page<U> {
  return { items: page.items.map(map), nextCursor: page.nextCursor };
}
