import type { Context } from 'hono';
import { isRefusal, type Access, type Gate } from '../auth/access.ts';
import type { HttpEnv } from './env.ts';
import { HttpError } from './errors.ts';

/**
 * The caller's access to the plan named by the URL's `:token`, decided by their session (never by the link alone):
 * refused with the reason (unknown link, no session, members only) otherwise. Every plan route asks this first.
 */
export async function planAccess(gate: Gate, c: Context<HttpEnv>): Promise<Access> {
  const a = await gate.access(c.req.param('token')!, c.env.incoming.headers);
  if (isRefusal(a)) throw new HttpError(a.status, a.message);
  return a;
}
