import type { PlanLinks } from './session.ts';

export interface CreatedPlan {
  planId: string;
  name: string;
  organisePath: string;
  reviewPath: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A JSON API call: the answer's body, or an ApiError with the server's message (or a plain one when unreachable). */
export async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    const json: Record<string, string> = typeof init?.body === 'string' ? { 'content-type': 'application/json' } : {};
    res = await fetch(path, { ...init, headers: { accept: 'application/json', ...json, ...(init?.headers as Record<string, string> | undefined) } });
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Check your connection and try again.');
  }
  const body = (await res.json().catch(() => null)) as (T & { error?: string }) | null;
  if (!res.ok) throw new ApiError(res.status, body?.error ?? `The server answered ${res.status}.`);
  if (!body) throw new ApiError(res.status, 'The server sent an unreadable answer.');
  return body;
}

export const fetchDemo = () => call<CreatedPlan>('/api/demo');
/** The creator becomes the plan's owner (the answer sets this browser's session cookie). */
export const createPlan = (name: string, yourName: string) => call<CreatedPlan>('/api/plans', { method: 'POST', body: JSON.stringify({ name, yourName }) });
export const fetchLinks = (token: string) => call<PlanLinks>(`/api/links/${encodeURIComponent(token)}`);

export const absolute = (path: string) => new URL(path, window.location.origin).toString();
