import type { SeatfoldApi } from '@seatfold/server';
import { hc, type ClientResponse } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';

/**
 * The typed HTTP client: derived from the server's route declarations (`SeatfoldApi`, a type only — no server code
 * reaches the bundle). Every web HTTP call goes through `api` and `answer`.
 */
export const api = hc<SeatfoldApi>('/');

/** Hono keys a path parameter with its pattern: these name the server's patterns once (a typo is a type error). */
export const TOKEN = ':token{[A-Za-z0-9_-]{1,200}}';
export const SECRET = ':secret{[A-Za-z0-9_-]{43}}';
export const PERSON = ':personId{[A-Za-z0-9_-]{1,100}}';
export const INVITE = ':id{[0-9a-f]{64}}';
export const UPLOAD = ':uploadId{[0-9a-f-]{36}}';

/** The plan's routes (`/api/plans/<token>/…`). A token comes from the address bar: it is escaped before use. */
export const planApi = () => api.api.plans[TOKEN];
export const tokenParam = (token: string) => ({ token: encodeURIComponent(token) });

/** A refusal: `message` is the server's planner-facing sentence (status 0: the server could not be reached). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** the server's error code when it sends one (`PreviewOutdated`, `ServerBusy`, …) */
    readonly code: string | null = null,
  ) {
    super(message);
  }
  /** worth trying again as it is: the network, or a busy server */
  get retryable(): boolean {
    return this.status === 0 || this.status === 503 || this.status === 429;
  }
}

export const UNREACHABLE = 'The server cannot be reached. Check your connection and try again.';

/** The body of a successful answer of a typed request (refusals are thrown as ApiError). */
export type Ok<R> = R extends ClientResponse<infer T, infer S, 'json'> ? (S extends SuccessStatusCode ? T : never) : never;

/** The one error mapping: the answer's body, or an ApiError with the server's message (or a retryable one). */
export async function answer<R extends ClientResponse<unknown, number, string>>(request: () => Promise<R>): Promise<Ok<R>> {
  let res: R;
  try {
    res = await request();
  } catch {
    throw new ApiError(0, UNREACHABLE);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const refusal = body !== null && typeof body === 'object' ? (body as { error?: unknown; code?: unknown }) : {};
    const message = typeof refusal.error === 'string' ? refusal.error : `The server answered ${res.status}. Please try again.`;
    throw new ApiError(res.status, message, typeof refusal.code === 'string' ? refusal.code : null);
  }
  if (body === null) throw new ApiError(res.status, 'The server sent an unreadable answer. Please try again.');
  return body as Ok<R>;
}

/** The message a refusal shows a planner: the server's own, never a library's. */
export const messageOf = (err: unknown): string =>
  err instanceof ApiError ? err.message : 'Something went wrong in this page. Reload it and try again.';

export const absolute = (path: string) => new URL(path, window.location.origin).toString();
