/**
 * @module stored-rows
 * Rows read back from SQLite are input like any other (CONVENTIONS: stored bytes cross a trust
 * boundary): a damaged page, a row an older or newer relay wrote, a hand edit. A query states
 * the shape of its rows once, and every row is checked against it where it is read; one that
 * does not fit throws {@link StoredRowError} naming the query and the column, instead of reaching
 * an access decision typed as something it is not.
 *
 * @example
 * const lockRows = storedRows({ group_id: "text", lock_from: "integer?" }, (r) => ({ groupId: r.group_id, lockFrom: r.lock_from }));
 * const locks = lockRows<[string]>(db, "SELECT group_id, lock_from FROM class_group_locks WHERE workspace = ?");
 * locks.all("wclass00001"); // [{ groupId: "g_a", lockFrom: null }]
 */
import type { Db } from "@quire/storage-sqlite";

/** A column as stored: TEXT or INTEGER, `?` when NULL is allowed, or the TEXT values allowed. */
export type Column = "text" | "text?" | "integer" | "integer?" | readonly string[];
export type RowShape = Readonly<Record<string, Column>>;
type ValueOf<C> = C extends "text"
  ? string
  : C extends "text?"
    ? string | null
    : C extends "integer"
      ? number
      : C extends "integer?"
        ? number | null
        : C extends readonly (infer V)[]
          ? V
          : never;
/** The checked row of a shape. */
export type RowOf<S extends RowShape> = { -readonly [K in keyof S]: ValueOf<S[K]> };

export class StoredRowError extends Error {
  override readonly name = "StoredRowError";
}

export interface RowQuery<P extends unknown[], R> {
  get(...params: P): R | undefined;
  all(...params: P): R[];
}

/** Checks one row against `shape`; `where` names the query in the error. */
export function checkRow<S extends RowShape>(shape: S, row: unknown, where: string): RowOf<S> {
  if (typeof row !== "object" || row === null) throw new StoredRowError(`${where}: not a row`);
  const record = row as Record<string, unknown>;
  for (const [column, kind] of Object.entries(shape)) {
    if (!fits(kind, record[column])) throw new StoredRowError(`${where}: column ${column} is not ${typeof kind === "string" ? kind : kind.join(" | ")}`);
  }
  return row as RowOf<S>;
}

/**
 * A table's row mapping, stated once: `shape` is what a row must be, `map` what the code gets.
 * The result prepares a query (`P`: its parameters) whose every row is checked, then mapped.
 */
export function storedRows<const S extends RowShape, R = RowOf<S>>(
  shape: S,
  map: (row: RowOf<S>) => R = (row) => row as unknown as R,
): <P extends unknown[]>(db: Db, sql: string) => RowQuery<P, R> {
  return <P extends unknown[]>(db: Db, sql: string): RowQuery<P, R> => {
    const statement = db.prepare<P, unknown>(sql);
    const where = sql.length > 80 ? `${sql.slice(0, 77)}...` : sql;
    const read = (row: unknown) => map(checkRow(shape, row, where));
    return {
      get: (...params) => {
        const row = statement.get(...params);
        return row === undefined ? undefined : read(row);
      },
      all: (...params) => statement.all(...params).map(read),
    };
  };
}

function fits(kind: Column, value: unknown): boolean {
  if (typeof kind !== "string") return typeof value === "string" && kind.includes(value);
  if (value === null) return kind.endsWith("?");
  return kind.startsWith("text") ? typeof value === "string" : Number.isSafeInteger(value);
}
