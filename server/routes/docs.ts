import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../http/env.ts';

// A readable page rendered on the server from /openapi.json: no script, no CDN, so it works on a machine
// with no network (Scalar and Swagger UI load their bundles from a CDN by default). /openapi.json stays the
// machine-readable source for real tooling.

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
  responses?: Record<
    string,
    { description?: string; content?: Record<string, { schema?: { $ref?: string } }> }
  >;
}

interface OpenApiDoc {
  info?: { title?: string; version?: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const refName = (content?: Record<string, { schema?: { $ref?: string } }>) => {
  const ref = content?.['application/json']?.schema?.$ref;
  return ref ? ref.split('/').at(-1) : undefined;
};

function renderOperation(method: string, path: string, op: Operation): string {
  const params = (op.parameters ?? [])
    .map(
      (p) =>
        `<li><code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''})${p.description ? ` — ${esc(p.description)}` : ''}</li>`,
    )
    .join('');
  const body = refName(op.requestBody?.content);
  const responses = Object.entries(op.responses ?? {})
    .map(([status, r]) => {
      const schema = refName(r.content);
      return `<li><b>${esc(status)}</b> ${esc(r.description)}${schema ? ` <code>${esc(schema)}</code>` : ''}</li>`;
    })
    .join('');
  return `<section class="op" id="${esc(`${method}-${path}`)}">
<h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary)}</p>${op.description ? `<p class="d">${esc(op.description)}</p>` : ''}
${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ''}
${body ? `<h4>Request body</h4><p><code>${esc(body)}</code> (application/json)</p>` : ''}
<h4>Responses</h4><ul>${responses}</ul></section>`;
}

export function renderDocs(doc: OpenApiDoc): string {
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), renderOperation(method, path, op)]);
    }
  }
  const sections = [...byTag.entries()]
    .map(([tag, ops]) => `<h2 id="tag-${esc(tag)}">${esc(tag)}</h2>${ops.join('\n')}`)
    .join('\n');
  const toc = [...byTag.keys()].map((t) => `<a href="#tag-${esc(t)}">${esc(t)}</a>`).join(' · ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${esc(doc.info?.title)} ${esc(doc.info?.version)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
code{font:13px ui-monospace,monospace;background:#f1f3f7;padding:0 .25rem;border-radius:3px}
.op{border:1px solid #dde1ea;border-radius:6px;padding:.25rem 1rem;margin:1rem 0}
.m{font:bold 12px ui-monospace,monospace;padding:.1rem .4rem;border-radius:3px;color:#fff;background:#5b6477}
.get{background:#2b6cb0}.post{background:#2f855a}.put,.patch{background:#b7791f}.delete{background:#c53030}
.d{color:#4a5263}h4{margin:.5rem 0 0}
</style></head><body>
<h1>${esc(doc.info?.title)} <small>${esc(doc.info?.version)}</small></h1>
<p>${esc(doc.info?.description)}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a>. Sections: ${toc}</p>
${sections}
</body></html>`;
}

/** `/docs`, rendered from the app's own OpenAPI document (fetched in-process once, then cached). */
export function docsRoutes(openApi: () => Promise<OpenApiDoc>) {
  let html: Promise<string> | undefined;
  return new Hono<AppEnv>().get(
    '/docs',
    describeRoute({
      summary: 'This API’s documentation as a self-contained HTML page (no auth, works offline)',
      tags: ['meta'],
      responses: { 200: { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } } },
    }),
    async (c) => {
      html ??= openApi()
        .then(renderDocs)
        .catch((err) => {
          html = undefined; // a failed render is retried on the next request, not cached
          throw err;
        });
      // Nothing on the page needs a script or a remote resource; the policy says so.
      c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      return c.html(await html);
    },
  );
}
