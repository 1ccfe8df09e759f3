import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { parse } from 'hono/utils/cookie';
import { SESSION_TTL_MS } from './model.ts';
import { SECRET_PATTERN } from './secrets.ts';

/** The one cookie: a random session secret (the server keeps its hash). httpOnly, SameSite=Lax, Secure behind HTTPS. */
export const SESSION_COOKIE = 'seatfold_session';

type Headers = Record<string, string | string[] | undefined>;

/** The session secret a request (or a socket handshake) carries, or null; anything not shaped like one is ignored. */
export function sessionSecret(headers: Headers): string | null {
  const raw = headers.cookie;
  const header = Array.isArray(raw) ? raw.join('; ') : raw;
  if (!header || header.length > 8192) return null;
  const value = parse(header, SESSION_COOKIE)[SESSION_COOKIE];
  return value && SECRET_PATTERN.test(value) ? value : null;
}

/** HTTPS as the browser sees it: the request's own scheme, or the one a trusted proxy names. */
function secure(c: Context, trustedProxies: number): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trustedProxies > 0 && (c.req.header('x-forwarded-proto') ?? '').split(',')[0]!.trim().toLowerCase() === 'https';
}

export function setSessionCookie(c: Context, secret: string, trustedProxies: number): void {
  setCookie(c, SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secure(c, trustedProxies),
    path: '/',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function clearSessionCookie(c: Context, trustedProxies: number): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Lax', secure: secure(c, trustedProxies) });
}
