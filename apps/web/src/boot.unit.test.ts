import { describe, expect, it } from 'vitest';
import type { PlanStateReply } from '@seatfold/sync';
import { earlySession, earlyState, pageState, type EarlyReply } from './boot.ts';

const reply = (status: number, body: unknown): EarlyReply => ({ ok: status < 300, status, json: () => Promise.resolve(body) });

function recorder(answer: () => Promise<EarlyReply> = () => Promise.resolve(reply(201, {}))) {
  const sent: string[] = [];
  return { sent, send: (name: string) => (sent.push(name), answer()) };
}

describe('the early session request', () => {
  it('is sent on a plan link only, with the name the page will use', () => {
    const plan = recorder();
    earlySession('/p/abc_DEF-1', () => 'Ann', plan.send);
    expect(plan.sent).toEqual(['Ann']);
    for (const path of ['/', '/p/abc/print', '/invite/x', '/sign-in', '/p/']) {
      const other = recorder();
      const take = earlySession(path, () => 'Ann', other.send);
      expect(other.sent, path).toEqual([]);
      expect(take('Ann'), path).toBeNull();
    }
  });

  it('is handed over once, and only for the name it asked with', async () => {
    const r = recorder(() => Promise.resolve(reply(201, { you: 1 })));
    const take = earlySession('/p/abc', () => 'Ann', r.send);
    const taken = take('Ann');
    expect(taken).not.toBeNull();
    expect(await (await taken!).json()).toEqual({ you: 1 });
    expect(take('Ann')).toBeNull();

    const renamed = earlySession('/p/abc', () => 'Ann', recorder().send);
    expect(renamed('Bob')).toBeNull();
    expect(renamed('Ann')).toBeNull();
  });

  it('hands its failure to the taker, and leaves none unhandled when nobody takes it', async () => {
    const failing = () => Promise.reject(new TypeError('Failed to fetch'));
    const taken = earlySession('/p/abc', () => 'Ann', recorder(failing).send);
    await expect(taken('Ann')).rejects.toThrow('Failed to fetch');
    // Never taken: vitest fails the run on an unhandled rejection, so this passing means none was left.
    earlySession('/p/abc', () => 'Ann', recorder(failing).send);
    await new Promise((r) => setTimeout(r, 10));
  });
});

describe('the early plan state (carried by the session answer on a plan link)', () => {
  const plan: PlanStateReply = { planId: 'p1', planName: 'Gala', role: 'review', you: { id: 'a', name: 'Ann' }, version: 3, state: { version: 3 } };

  it('is handed over once, for its own plan link, and is there as `now` once it has arrived', async () => {
    const take = earlyState('abc', Promise.resolve(reply(201, { you: {}, plan })));
    expect(take('other')).toBeNull();
    const taken = take('abc')!;
    expect(await taken.later).toEqual(plan);
    expect(taken.now).toEqual(plan);
    expect(take('abc')).toBeNull();
    expect(earlyState(null, Promise.resolve(reply(201, { plan })))('abc')).toBeNull();
  });

  it('is null when the answer has none, is a refusal, or never came — and leaves no failure unhandled', async () => {
    expect(await earlyState('abc', Promise.resolve(reply(201, { you: {}, plan: null })))('abc')!.later).toBeNull();
    expect(await earlyState('abc', Promise.resolve(reply(200, { you: {} })))('abc')!.later).toBeNull();
    expect(await earlyState('abc', Promise.resolve(reply(429, { error: 'busy' })))('abc')!.later).toBeNull();
    const broken: EarlyReply = { ok: true, status: 200, json: () => Promise.reject(new SyntaxError('Unexpected token <')) };
    expect(await earlyState('abc', Promise.resolve(broken))('abc')!.later).toBeNull();
    expect(await earlyState('abc', Promise.reject(new TypeError('Failed to fetch')))('abc')!.later).toBeNull();
    // Never taken: vitest fails the run on an unhandled rejection.
    earlyState('abc', Promise.reject(new TypeError('Failed to fetch')));
    await new Promise((r) => setTimeout(r, 10));
  });
});

describe('the plan state in a page the server drew', () => {
  const plan: PlanStateReply = { planId: 'p1', planName: 'Gala', role: 'review', you: { id: '', name: '' }, version: 7, state: { version: 7 } };

  it('is read when the app takes it (the page has been parsed by then), once, for its own plan link', async () => {
    let reads = 0;
    const take = pageState('abc', () => (reads++, plan));
    expect(reads).toBe(0);
    expect(take('other')).toBeNull();
    const taken = take('abc')!;
    expect(taken.now).toEqual(plan);
    expect(await taken.later).toEqual(plan);
    expect(take('abc')).toBeNull();
    expect(reads).toBe(1);
    expect(pageState(null, () => plan)('abc')).toBeNull();
  });

  it('is null, now and later, when the page has none that can be read', async () => {
    const taken = pageState('abc', () => null)('abc')!;
    expect(taken.now).toBeNull();
    expect(await taken.later).toBeNull();
  });
});
