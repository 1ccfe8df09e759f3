import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { HttpError } from './errors.ts';
import type { HttpEnv } from './env.ts';

export const MAX_JSON_BODY = 64 * 1024;

export const BODY_CUT_SHORT = 'The request body did not arrive whole: the connection broke. Please try again.';

/**
 * Reads at most `max` bytes of the body from the Node request itself; a longer one is refused while it streams,
 * whatever content-length said (`tooLarge(size)` words it). Not through `c.req.raw`: the web Request and its stream
 * that Hono builds on first use cost more than the rest of a small request's answer (a refused flood's profile).
 */
export async function readCapped(req: IncomingMessage, max: number, tooLarge: (size: string) => string): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) throw new HttpError(413, tooLarge(sizeText(declared)));
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      // the rest is left unread: the connection cannot carry another request
      if (size > max) throw new HttpError(413, tooLarge(`over ${sizeText(max)}`), true);
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof HttpError) throw err;
    // the client left (or its connection broke) before the body was whole: its answer, not a failure of ours
    throw new HttpError(400, BODY_CUT_SHORT, true);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** A byte count as a planner reads it: kB below a megabyte, else MB with one decimal. */
export const sizeText = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} kB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

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
    const bytes = await readCapped(c.env.incoming, MAX_JSON_BODY, () => `The request body is larger than ${MAX_JSON_BODY / 1024} kB.`);
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new HttpError(400, 'The request body is not valid JSON.');
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      // A schema's own message is a sentence; Seatfold's general words (domain issue-words.ts) follow the field's name.
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') ?? '';
      const general = issue && field !== '' && /^[a-z]/.test(issue.message) && !issue.message.startsWith(field);
      throw new HttpError(
        400,
        general ? `${issue.path.join('.')} ${issue.message}` : (issue?.message ?? 'The request body is not what this address expects.'),
      );
    }
    c.req.addValidatedData('json', parsed.data as object);
    await next();
  };
}
