import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { CSV_COLUMNS, type CsvColumn, isCsvColumn, REQUIRED_COLUMNS } from './csv-columns.ts';
import { type SourceRow, UnreadableImportError } from './source-row.ts';

// csv-parse does the quoting, escaping and line-ending work; this file only maps a record's columns to the
// ImportRow shape, so the JSONL and CSV paths share one validation and one writer.

type Cells = Partial<Record<CsvColumn, string>>;
type Converted = { ok: true; value: unknown } | { ok: false; field: string; reason: string };

function number(cells: Cells, column: CsvColumn, integer: boolean): Converted {
  const text = cells[column];
  if (text === undefined || text === '') return { ok: true, value: undefined };
  const n = Number(text);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    return { ok: false, field: column, reason: integer ? 'expected an integer' : 'expected a number' };
  }
  return { ok: true, value: n };
}

const text = (cells: Cells, column: CsvColumn) => {
  const v = cells[column];
  return v === undefined || v === '' ? undefined : v;
};

const list = (cells: Cells, column: CsvColumn) =>
  (text(cells, column) ?? '')
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Maps one record to the ImportRow shape; numbers are converted here so a bad one names its column. */
export function csvRecordToRow(cells: Cells): Converted {
  const numbers: Partial<Record<CsvColumn, number>> = {};
  for (const column of [
    'tier_rank',
    'points',
    'orders_count',
    'followers_x',
    'followers_instagram',
    'lifetime',
    'last12m',
  ] as const) {
    const converted = number(cells, column, CSV_COLUMNS[column].type === 'int');
    if (!converted.ok) return converted;
    if (converted.value !== undefined) numbers[column] = converted.value as number;
  }
  const x = text(cells, 'x_handle');
  const instagram = text(cells, 'instagram_handle');
  const email = text(cells, 'email');
  const card = text(cells, 'loyalty_card');
  const hasLoyalty = ['program', 'tier', 'tier_rank'].some((c) => text(cells, c as CsvColumn) !== undefined);
  const hasValue = ['currency', 'lifetime', 'last12m'].some((c) => text(cells, c as CsvColumn) !== undefined);
  const row = {
    externalId: text(cells, 'externalId'),
    name: text(cells, 'name'),
    identities: [
      ...(email ? [{ kind: 'email', value: email }] : []),
      ...(x ? [{ kind: 'handle', network: 'x', value: x }] : []),
      ...(instagram ? [{ kind: 'handle', network: 'instagram', value: instagram }] : []),
      ...(card ? [{ kind: 'loyalty', value: card }] : []),
      ...list(cells, 'order_numbers').map((value) => ({ kind: 'order', value })),
    ],
    ...(hasLoyalty && {
      loyalty: {
        program: text(cells, 'program'),
        tier: text(cells, 'tier'),
        tierRank: numbers.tier_rank,
        ...(numbers.points !== undefined && { points: numbers.points }),
        memberSince: text(cells, 'member_since') ?? null,
        tierExpiresAt: text(cells, 'tier_expires_at') ?? null,
      },
    }),
    ...(hasValue && {
      value: {
        currency: text(cells, 'currency'),
        lifetime: numbers.lifetime,
        last12m: numbers.last12m,
        ...(numbers.orders_count !== undefined && { ordersCount: numbers.orders_count }),
        lastOrderAt: text(cells, 'last_order_at') ?? null,
      },
    }),
    social: [
      ...(x ? [{ network: 'x', handle: x, followers: numbers.followers_x ?? 0 }] : []),
      ...(instagram
        ? [{ network: 'instagram', handle: instagram, followers: numbers.followers_instagram ?? 0 }]
        : []),
    ],
    preferences: {
      channel: text(cells, 'preferred_channel') ?? null,
      language: text(cells, 'language') ?? null,
      notes: list(cells, 'notes'),
    },
  };
  return { ok: true, value: row };
}

/** Reads the header, refuses unknown or missing columns, then yields one row per record. */
export async function* csvRows(input: Readable): AsyncGenerator<SourceRow> {
  const parser = input.pipe(
    parse({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }),
  );
  let header: CsvColumn[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      // A quoted cell may span lines: the record starts that many lines before where it ends.
      const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      if (!header) {
        const unknown = record.filter((c) => !isCsvColumn(c));
        if (unknown.length > 0) {
          throw new UnreadableImportError(
            `CSV header: unknown column(s) ${unknown.map((c) => `"${c.slice(0, 40)}"`).join(', ')}; expected some of ${Object.keys(CSV_COLUMNS).join(', ')}`,
          );
        }
        const missing = REQUIRED_COLUMNS.filter((c) => !record.includes(c));
        if (missing.length > 0)
          throw new UnreadableImportError(`CSV header: missing column(s) ${missing.join(', ')}`);
        header = record as CsvColumn[];
        continue;
      }
      if (record.length !== header.length) {
        yield {
          line,
          error: { field: 'row', reason: `expected ${header.length} cells, got ${record.length}` },
        };
        continue;
      }
      const cells: Cells = {};
      header.forEach((column, i) => {
        cells[column] = record[i];
      });
      const row = csvRecordToRow(cells);
      yield row.ok ? { line, value: row.value } : { line, error: { field: row.field, reason: row.reason } };
    }
  } catch (err) {
    if (err instanceof UnreadableImportError) throw err;
    // csv-parse stops at malformed quoting: nothing after that point can be read reliably.
    const lines = (err as { lines?: number }).lines;
    if (!header)
      throw new UnreadableImportError(
        `not a readable CSV file: ${err instanceof Error ? err.message : String(err)}`,
      );
    yield {
      line: lines ?? 0,
      error: {
        field: 'row',
        reason: `CSV cannot be read from here on: ${err instanceof Error ? err.message : String(err)}`,
      },
    };
  }
  if (!header) throw new UnreadableImportError('empty CSV file: expected a header line');
}
