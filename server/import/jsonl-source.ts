import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { SourceRow } from './source-row.ts';

/** A line longer than this is reported, not parsed: one profile with its history is a few kB. */
export const MAX_JSONL_LINE = 1024 * 1024;

/** JSON Lines, one row per non-blank line; readline streams, so only one line is in memory at a time. */
export async function* jsonlRows(input: Readable): AsyncGenerator<SourceRow> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    if (text.length > MAX_JSONL_LINE) {
      yield { line, error: { field: 'row', reason: `line longer than ${MAX_JSONL_LINE} characters` } };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line === 1 ? text.replace(/^\uFEFF/, '') : text);
    } catch (err) {
      yield {
        line,
        error: {
          field: 'row',
          reason: `not valid JSON: ${err instanceof Error ? err.message : 'parse error'}`,
        },
      };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { line, error: { field: 'row', reason: 'expected a JSON object per line' } };
      continue;
    }
    yield { line, value };
  }
}
