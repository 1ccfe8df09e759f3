import { decide, evolve, initialState, type Command } from '@seatfold/domain';
import { groupHistory, type WireEvent } from '@seatfold/sync';
import { describe, expect, it } from 'vitest';
import { actorHue, actorRuns, fractionOf, positionOf, stepAtFraction, stepCount, stepForKey, versionAtStep } from './scale.ts';

/** Wire events of commands run as actors, a batch when given a batch id (as the server records them). */
function log(steps: [actor: string, cs: Command[], batchId?: string][]): WireEvent[] {
  const s = initialState();
  const out: WireEvent[] = [];
  let n = 0;
  for (const [actor, cs, batchId] of steps) {
    for (const c of cs) {
      const commandId = batchId ? `${batchId}-cmd` : `c${++n}`;
      const d = decide(s, c);
      if (!d.ok) throw new Error(d.error.message);
      for (const event of d.events) {
        evolve(s, event);
        out.push({
          version: s.version,
          event,
          meta: { actor, actorId: `name:${actor}`, commandId, batchId: batchId ?? null, at: 1_000 * s.version },
        });
      }
    }
  }
  return out;
}

const guests = (from: number, count: number): Command[] =>
  Array.from({ length: count }, (_, i) => ({ type: 'addGuest', guestId: `g${from + i}`, name: `Guest ${from + i}` }));

/** A plan set up in a batch, then Ann seats someone, a 3,000-guest import by Ivy, then Bob and Ann work on. */
const events = log([
  ['Setup', [{ type: 'createPlan', name: 'Gala' }, { type: 'addTable', tableId: 't1', name: '1', capacity: 10 }, ...guests(1, 3)], 'b-setup'],
  ['Ann', [{ type: 'seatGuest', guestId: 'g1', tableId: 't1' }]],
  ['Ivy', guests(100, 3_000), 'b-import'],
  ['Bob', [{ type: 'seatGuest', guestId: 'g2', tableId: 't1' }]],
  ['Bob', [{ type: 'lockTable', tableId: 't1' }]],
  ['Ann', [{ type: 'unlockTable', tableId: 't1' }]],
]);
const entries = groupHistory(events);

describe('the scrubber scales by change groups', () => {
  it('a 3,000-event import is one step, not 99% of the track', () => {
    expect(events.length).toBe(3_009);
    expect(stepCount(entries)).toBe(6);
    const importIndex = entries.findIndex((e) => e.batchId === 'b-import');
    const before = positionOf(entries, entries[importIndex]!.firstVersion - 1);
    const after = positionOf(entries, entries[importIndex]!.lastVersion);
    expect(after - before).toBe(1);
    expect(fractionOf(entries, after) - fractionOf(entries, before)).toBeCloseTo(1 / 6);
    // By version it would have taken 3,000 / 3,009 of the track.
    expect(fractionOf(entries, after) - fractionOf(entries, before)).toBeLessThan(0.2);
  });

  it('every organiser’s edit has its own step, reachable by pointer and by keyboard', () => {
    const byStep = Array.from({ length: stepCount(entries) + 1 }, (_, s) => versionAtStep(entries, s));
    expect(byStep).toEqual([0, 5, 6, 3_006, 3_007, 3_008, 3_009]);
    // Pointer: the middle of each step's share of the track lands on that step.
    for (let s = 0; s <= stepCount(entries); s++) expect(stepAtFraction(entries, s / stepCount(entries))).toBe(s);
    // Keyboard: arrows walk every step, one group at a time, from the start to the end and back.
    const walked: number[] = [];
    for (let s = 0; s !== undefined && walked.length < 20;) {
      walked.push(s);
      const next = stepForKey('ArrowRight', s, stepCount(entries))!;
      if (next === s) break;
      s = next;
    }
    expect(walked).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(stepForKey('ArrowLeft', 6, 6)).toBe(5);
    expect(stepForKey('ArrowLeft', 0, 6)).toBe(0);
    expect(stepForKey('Home', 4, 6)).toBe(0);
    expect(stepForKey('End', 1, 6)).toBe(6);
    expect(stepForKey('PageUp', 1, 6)).toBe(6);
    expect(stepForKey('PageDown', 5, 6)).toBe(0);
    expect(stepForKey('x', 5, 6)).toBeUndefined();
  });

  it('places a version inside a batch between the steps around it, and steps out of it both ways', () => {
    const mid = positionOf(entries, 6 + 1_500); // half way through the import
    expect(mid).toBeGreaterThan(2);
    expect(mid).toBeLessThan(3);
    expect(stepForKey('ArrowLeft', mid, 6)).toBe(2);
    expect(stepForKey('ArrowRight', mid, 6)).toBe(3);
    expect(positionOf(entries, null)).toBe(6);
    expect(positionOf(entries, 0)).toBe(0);
    expect(positionOf(entries, 99_999)).toBe(6);
    expect(positionOf([], 3)).toBe(0);
    expect(fractionOf([], 0)).toBe(1);
  });

  it('marks who worked where, in runs, and keeps the drawing bounded', () => {
    expect(actorRuns(entries)).toEqual([
      { actor: 'id:name:Setup', from: 1, to: 1 },
      { actor: 'id:name:Ann', from: 2, to: 2 },
      { actor: 'id:name:Ivy', from: 3, to: 3 },
      { actor: 'id:name:Bob', from: 4, to: 5 },
      { actor: 'id:name:Ann', from: 6, to: 6 },
    ]);
    const alternating = groupHistory(
      log([['Setup', [{ type: 'createPlan', name: 'P' }]], ...guests(1, 1_000).map((c, i) => [i % 2 ? 'Ann' : 'Bob', [c]] as [string, Command[]])]),
    );
    const runs = actorRuns(alternating, 50);
    expect(runs.length).toBeLessThanOrEqual(50);
    expect(runs[0]!.from).toBe(1);
    expect(runs[runs.length - 1]!.to).toBe(alternating.length);
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.from).toBe(runs[i - 1]!.to + 1);
    expect(actorHue('Ann')).toBe(actorHue('Ann'));
    expect(actorHue('Ann')).toBeGreaterThanOrEqual(0);
    expect(actorHue('Ann')).toBeLessThan(360);
  });
});
