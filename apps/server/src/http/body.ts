import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { HttpError } from './errors.ts';
import type { HttpEnv } from './env.ts';

export const MAX_JSON_BODY = 64 * 1024;

/** Reads at most `max` bytes of the body; a longer one is refused while it streams, whatever content-length said. */
export async function readCapped(req: Request, max: number, tooLarge: string): Promise<Uint8Array> {
  if (Number(req.headers.get('content-length') ?? 0) > max) throw new HttpError(413, tooLarge);
  if (!req.body) return new Uint8Array(0);
  const reader = (req.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      void reader.cancel().catch(() => {});
      throw new HttpError(413, tooLarge, true);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * A JSON body validated by a zod schema (the first issue's message is the answer), for `c.req.valid('json')`.
 * Declared as a validator so a typed client (hono/client) can be derived from the routes.
 */
export function jsonBody<S extends z.ZodType>(
  schema: S,
): MiddlewareHandler<HttpEnv, string, { in: { json: z.input<S> }; out: { json: z.output<S> } }> {
  return async (c, next) => {
    if (!(c.req.header('content-type') ?? '').includes('application/json'))
      throw new HttpError(415, 'Send the request body as JSON (content-type: application/json).');
    const bytes = await readCapped(c.req.raw, MAX_JSON_BODY, `The request body is larger than ${MAX_JSON_BODY / 1024} kB.`);
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(bytes).toString('utf8'));
    } catch {
      throw new HttpError(400, 'The request body is not valid JSON.');
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]?.message ?? 'The request body is not what this address expects.');
    c.req.addValidatedData('json', parsed.data as object);
    await next();
  };
}
