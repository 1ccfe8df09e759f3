import { StoreUnavailableError } from '@seatfold/store';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { errorAnswer, HttpError, storeFull, storeUnavailable } from './errors.ts';

/** A route that throws `err`, answered by the one error handler; what it logged. */
async function answerTo(err: Error) {
  const logged: string[] = [];
  const app = new Hono().get('/', () => {
    throw err;
  });
  app.onError((e, c) => errorAnswer(e, c, (m) => logged.push(m)));
  const res = await app.request('/');
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Record<string, unknown>, logged };
}

describe('errors become answers', () => {
  it('a lost database is a retryable 503 with a sentence, not a logged 500', async () => {
    const a = await answerTo(new StoreUnavailableError(new Error('ECONNREFUSED 127.0.0.1:5432')));
    expect(a).toMatchObject({ status: 503, retryAfter: '2', body: { error: storeUnavailable, code: 'Unavailable' }, logged: [] });
    expect(JSON.stringify(a.body)).not.toMatch(/ECONNREFUSED/);
  });

  it('a database out of disk space is a retryable 503 that says so and asks for a longer wait', async () => {
    const a = await answerTo(new StoreUnavailableError(new Error('No space left on device'), 'no-space'));
    expect(a).toMatchObject({ status: 503, retryAfter: '30', body: { error: storeFull, code: 'Unavailable', retryAfterMs: 30_000 }, logged: [] });
    expect(JSON.stringify(a.body)).not.toMatch(/device/);
  });

  it('a planner-facing refusal as it is; anything else a plain 500 with the stack in the log only', async () => {
    expect(await answerTo(new HttpError(409, 'Taken.'))).toMatchObject({ status: 409, body: { error: 'Taken.' }, logged: [] });
    const bug = await answerTo(new TypeError('x is undefined'));
    expect(bug).toMatchObject({ status: 500, body: { error: 'The server failed to answer. Please try again.' } });
    expect(bug.logged.join('')).toMatch(/x is undefined/);
  });
});
