import { describe, expect, it } from 'vitest';
import { Busy, Turns } from './turns.ts';

const words = { yours: 'yours is being made', full: 'too many waiting' };

describe('turns at something done a few at a time', () => {
  it('gives places at once while free, then in line first come first served, one per owner', async () => {
    const turns = new Turns({ atOnce: 1, waiting: 2, waitMs: 60_000 }, words);
    const order: string[] = [];
    const a = await turns.take('a');
    const b = turns.take('b').then((done) => (order.push('b'), done));
    const c = turns.take('c').then((done) => (order.push('c'), done));
    // the owner with a place (or a place in line) may not ask again; the line is full
    await expect(turns.take('a')).rejects.toThrow(new Busy('yours is being made'));
    await expect(turns.take('d')).rejects.toThrow(new Busy('too many waiting'));
    expect(order).toEqual([]);
    a();
    a(); // giving a place back twice gives it back once
    (await b)();
    (await c)();
    expect(order).toEqual(['b', 'c']);
    // all given back: a, and anybody, get a place at once again
    const again = await turns.take('a');
    again();
  });

  it('a place in line not reached in time is refused, and frees its owner and its place in line', async () => {
    const turns = new Turns({ atOnce: 1, waiting: 1, waitMs: 50 }, words);
    const held = await turns.take('a');
    await expect(turns.take('b')).rejects.toThrow(new Busy('too many waiting'));
    // b may ask again, and the line has room again
    const b = turns.take('b');
    held();
    (await b)();
  });
});
