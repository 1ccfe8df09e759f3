import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { errorAnswer, storeUnavailable } from './errors.ts';

/** What a request that failed inside is answered: never a library's words, and a lost database is retryable. */
describe('errorAnswer', () => {
  const answer = async (err: Error) => {
    const logs: string[] = [];
    const app = new Hono().get('/x', () => {
      throw err;
    });
    app.onError((e, c) => errorAnswer(e, c, (m) => logs.push(m)));
    const res = await app.request('/x');
    return { status: res.status, body: (await res.json()) as { error: string; code?: string }, retry: res.headers.get('retry-after'), logs };
  };

  it('a lost connection from any query (the auth tables’ too) is 503 Unavailable with Retry-After, logged as nothing', async () => {
    for (const err of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      new Error('Connection terminated unexpectedly'),
    ]) {
      const a = await answer(err);
      expect(a).toMatchObject({ status: 503, body: { error: storeUnavailable, code: 'Unavailable' }, retry: '2' });
      expect(a.logs).toEqual([]);
    }
  });

  it('anything else is a 500 in Seatfold’s words, the library’s in the log only', async () => {
    const a = await answer(Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }));
    expect(a.status).toBe(500);
    expect(a.body.error).toBe('The server failed to answer. Please try again.');
    expect(a.logs.join('\n')).toMatch(/invalid byte sequence/);
  });
});
