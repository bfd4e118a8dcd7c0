import 'reflect-metadata';
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from '../src/services/errors';

/**
 * Every list in the API is a plain list `[T!]!` asked for with `first` and `after`, and
 * every item a list gives out carries a `cursor`: pass the cursor of the last item you have
 * as `after` to continue after it. A list that returns fewer than `first` items has ended.
 *
 * The top-level lists are plain lists (`{ datasets { name } }`, the README's contract), and nested
 * lists (Dataset.observations, Dataset.models, Notebook.scenarios) are paged the same way
 * rather than as `{ items, nextCursor }` pages: one way to page, whatever the list.
 *
 * Cursors are opaque to clients; inside they hold the item's sort value and id (keyset
 * pagination), so a list never skips or repeats rows when rows are added before the cursor,
 * and a deep page costs as little as the first.
 */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `How many items to return (1 to ${MAX_PAGE_SIZE}); fewer come back at the end of the list.` })
  first!: number;

  @Field(() => String, { nullable: true, description: 'The cursor of the last item you have, to continue after it; unset to start at the beginning.' })
  after?: string | null;
}

/** What every item type that lists give out has: the cursor to continue after it. Never a type of its own in the schema (nothing returns it); its item types inherit the field. */
@ObjectType()
export abstract class Listed {
  @Field(() => String, { nullable: true, description: 'Pass as `after` to the same list to continue after this item; null when the item was not reached through a list.' })
  cursor: string | null = null;
}

/** A row as a list gave it out, with the cursor that continues after it. */
export interface ListedRow<T> {
  row: T;
  cursor: string;
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
  throw badInput('after is not a cursor this API gave out: pass the cursor of an item of the same list unchanged', [{ path: 'after', message: 'invalid cursor' }]);
}

/** Up to `first` rows after the cursor in the list order, each with its own cursor. */
export async function keysetPage<T extends ObjectLiteral & { id: string }>(query: SelectQueryBuilder<T>, order: ListOrder<T>, args: PageArgs): Promise<Array<ListedRow<T>>> {
  checkPageArgs(args);
  const alias = query.alias;
  if (args.after) {
    const cursor = decodeCursor(args.after);
    const comparison = order.direction === 'ASC' ? '>' : '<';
    query.andWhere(`(${order.expression}, ${alias}.id) ${comparison} (:cursorValue, :cursorId)`, { cursorValue: cursor.value, cursorId: cursor.id });
  }
  const rows = await query.orderBy(order.expression, order.direction).addOrderBy(`${alias}.id`, order.direction).limit(args.first).getMany();
  return rows.map((row) => ({ row, cursor: encodeCursor(order.valueOf(row), String(row.id)) }));
}

/** Listed rows as their GraphQL item type, each keeping its cursor. */
export function asList<T, U extends Listed>(rows: Array<ListedRow<T>>, map: (row: T) => U): U[] {
  return rows.map(({ row, cursor }) => Object.assign(map(row), { cursor }));
}
