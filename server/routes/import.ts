import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { describeRoute, resolver } from 'hono-openapi';
import type { Kysely } from 'kysely';
import { ImportReport } from '../../lib/contract/import-row.ts';
import { requireRole } from '../access/roles.ts';
import type { Database } from '../db/types.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError, errorResponse } from '../http/errors.ts';
import { bearerSecurity, errorResponses } from '../http/openapi-responses.ts';
import { type ImportFormat, importStream } from '../import/import-stream.ts';
import { UnreadableImportError } from '../import/source-row.ts';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

const FORMATS: Record<string, ImportFormat> = {
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/jsonlines': 'jsonl',
  'text/csv': 'csv',
};

export function importRoutes(db: Kysely<Database>) {
  return new Hono<AppEnv>().post(
    '/v1/import',
    describeRoute({
      summary: 'Import profiles (admins): JSON Lines or CSV, upserted by externalId',
      description:
        'Send `Content-Type: application/x-ndjson` (one ImportRow per line) or `text/csv` (the flat columns in ' +
        'the README), up to 50 MB; larger files go through `npm run server -- import`. Idempotent: the same ' +
        'body twice counts every row `unchanged`. Every bad row is reported with its line, field and reason; ' +
        'the good rows land. A row whose identifier is linked to another profile is rejected, never moved.',
      tags: ['import'],
      security: bearerSecurity,
      responses: {
        200: {
          description: 'What happened to each row',
          content: { 'application/json': { schema: resolver(ImportReport) } },
        },
        ...errorResponses(400, 401, 403, 413, 415, 500),
      },
    }),
    requireRole('admin'),
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES,
      onError: (c) => {
        c.header('Connection', 'close');
        return errorResponse(
          c,
          new ApiError(
            413,
            'bad_request',
            'import body exceeds 50 MB; import larger files with the CLI (npm run server -- import FILE)',
          ),
        );
      },
    }),
    async (c) => {
      const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      const format = FORMATS[mediaType];
      if (!format) {
        throw new ApiError(
          415,
          'bad_request',
          `Content-Type must be application/x-ndjson or text/csv, got "${mediaType.slice(0, 60)}"`,
        );
      }
      // Read whole (≤ 50 MB) before writing anything: a body cut off by the size limit lands no row at all.
      const body = Buffer.from(await c.req.arrayBuffer());
      try {
        const report = await importStream(db, Readable.from([body]), format, {
          tenantId: c.get('caller').tenantId,
        });
        const { rejectedTotal: _counted, ...contract } = report;
        return c.json(contract satisfies ImportReport);
      } catch (err) {
        if (err instanceof UnreadableImportError) throw new ApiError(400, 'bad_request', err.message);
        throw err;
      }
    },
  );
}
