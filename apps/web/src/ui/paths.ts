/**
 * The app's path shapes, in a module of their own (no React, no listeners): the early boot script reads them
 * before the app's bundle has arrived, the router after.
 */

/** The share token of a plan path (/p/<token>), or null. */
export function planToken(path: string): string | null {
  const m = /^\/p\/([A-Za-z0-9_-]{1,200})\/?$/.exec(path);
  return m ? m[1]! : null;
}

/** The share token of a print path (/p/<token>/print), or null. */
export function printToken(path: string): string | null {
  const m = /^\/p\/([A-Za-z0-9_-]{1,200})\/print\/?$/.exec(path);
  return m ? m[1]! : null;
}
