import * as z from 'zod/mini';

export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['sqlite', 'postgres']),
});
export type Health = z.infer<typeof Health>;

/** `GET /v1/me`: who the token belongs to. The options page uses it as its connection test. */
export const Me = z
  .object({
    agent: z.object({ id: z.string(), name: z.string(), role: z.enum(['agent', 'lead', 'admin']) }),
    tenant: z.object({ id: z.string(), name: z.string() }),
  })
  .register(z.globalRegistry, { id: 'Me' });
export type Me = z.infer<typeof Me>;
