import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './types.ts';

/**
 * Kysely builds and compiles a tree of query nodes on every call: for a lookup that was a larger share of the
 * CPU than SQLite's own work. The hot read queries have SQL that depends only on their shape (the table, how
 * many values an IN list holds), so each shape is compiled once per database and then run with fresh
 * parameters. The first run of a shape checks that the caller's parameters are exactly those of the built
 * query, so a caller that lists them in the wrong order fails loudly at once instead of answering wrongly.
 * A Kysely instance with plugins (a test counting queries, say) always builds anew: a precompiled query
 * would bypass the plugins' transformQuery.
 */
const cache = new WeakMap<Kysely<Database>, Map<string, string>>();

export async function runCompiled<R>(
  db: Kysely<Database>,
  shape: string,
  parameters: readonly unknown[],
  build: () => Compilable<R>,
): Promise<R[]> {
  if (db.getExecutor().plugins.length > 0) return (await db.executeQuery(build().compile())).rows;
  let byShape = cache.get(db);
  if (!byShape) {
    byShape = new Map();
    cache.set(db, byShape);
  }
  const sql = byShape.get(shape);
  if (sql !== undefined) {
    return (await db.executeQuery<R>(CompiledQuery.raw(sql, [...parameters]))).rows;
  }
  const compiled = build().compile();
  if (JSON.stringify(compiled.parameters) !== JSON.stringify(parameters)) {
    throw new Error(`runCompiled(${shape}): parameters do not match the built query's`);
  }
  byShape.set(shape, compiled.sql);
  return (await db.executeQuery(compiled)).rows;
}
