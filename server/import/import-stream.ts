import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.ts';
import { CSV_COLUMNS } from './csv-columns.ts';
import { csvRows } from './csv-source.ts';
import { type ImportOptions, type ImportResult, importRows } from './import-rows.ts';
import { jsonlRows } from './jsonl-source.ts';
import { UnreadableImportError } from './source-row.ts';

export type ImportFormat = 'jsonl' | 'csv';

/** `.jsonl`/`.ndjson` are JSON Lines, `.csv` is CSV; anything else must say which with --format. */
export function formatOf(path: string): ImportFormat | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv') return 'csv';
  return undefined;
}

/** CSV rows are reported by their column (`tier_rank`) where one column maps to the failing field. */
const CSV_FIELD_BY_PATH = new Map<string, string>(
  Object.entries(CSV_COLUMNS)
    .filter(([, c]) => !['identities', 'social'].includes(c.path))
    .map(([column, c]) => [c.path, column]),
);

export function importStream(
  db: Kysely<Database>,
  input: Readable,
  format: ImportFormat,
  opts: ImportOptions,
): Promise<ImportResult> {
  if (format === 'jsonl') return importRows(db, jsonlRows(input), opts);
  return importRows(db, csvRows(input), {
    ...opts,
    fieldName: (path) => CSV_FIELD_BY_PATH.get(path) ?? path,
  });
}

/** Imports a file; throws UnreadableImportError when it cannot be opened or read as its format at all. */
export async function importFile(
  db: Kysely<Database>,
  path: string,
  opts: ImportOptions & { format?: ImportFormat },
): Promise<ImportResult> {
  const format = opts.format ?? formatOf(path);
  if (!format)
    throw new UnreadableImportError(
      `cannot tell the format of ${path}: name it .jsonl or .csv, or pass --format`,
    );
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UnreadableImportError(`${path} is not a file`);
  } catch (err) {
    if (err instanceof UnreadableImportError) throw err;
    throw new UnreadableImportError(
      `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  return importStream(db, createReadStream(path), format, opts);
}
