import {
  decide,
  evolve,
  LaterChanges,
  planGuestImport,
  planGuestImportSteps,
  planRevert,
  planRevertSteps,
  planTableDraw,
  planTableDrawSteps,
  type RecordedEvent,
  type Steps,
} from '@seatfold/domain';
import { planOf } from '@seatfold/domain/testing';
import { describe, expect, it } from 'vitest';
import { runSliced } from './slices.ts';

/** Steps that log each piece of work, and a macrotask queued before they start that logs when it gets its turn. */
async function interleaving(sliceMs: number) {
  const log: string[] = [];
  function* steps(): Steps<number> {
    for (let i = 0; i < 5; i++) {
      log.push(`step ${i}`);
      const t = performance.now();
      while (performance.now() - t < 2); // 2 ms of work a step
      yield;
    }
    return 42;
  }
  setImmediate(() => log.push('other work'));
  const result = await runSliced(steps(), sliceMs);
  return { result, log };
}

/** The same steps, counting their yields. */
function counting<T>(steps: Steps<T>) {
  let yields = 0;
  const counted = (function* (): Steps<T> {
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      yields++;
      yield;
    }
  })();
  return { steps: counted, yields: () => yields };
}

describe('runSliced', () => {
  it('gives the event loop a turn once a slice has taken sliceMs, so other work runs between the steps', async () => {
    const { result, log } = await interleaving(1);
    expect(result).toBe(42);
    expect(log.indexOf('other work')).toBeGreaterThan(0);
    expect(log.indexOf('other work')).toBeLessThan(log.indexOf('step 4'));
  });

  it('runs to the end without a turn while the slice lasts', async () => {
    const { result, log } = await interleaving(60_000);
    expect(result).toBe(42);
    expect(log).toEqual(['step 0', 'step 1', 'step 2', 'step 3', 'step 4']);
  });

  it('plans a guest import a slice at a time, to the same plan as in one go', async () => {
    const state = planOf([{ type: 'createPlan', name: 'P' }]);
    const rows = Array.from({ length: 1_000 }, (_, i) => ({ rowNumber: i + 2, cells: [`Guest ${i}`] }));
    const ids = () => {
      let n = 0;
      return () => `g${n++}`;
    };
    let turns = 0;
    let counting = true;
    const turn = () => {
      turns++;
      if (counting) setImmediate(turn);
    };
    setImmediate(turn);
    const sliced = await runSliced(planGuestImportSteps(state, rows, ['name'], ids()), 0);
    counting = false;
    expect(sliced.counts.new).toBe(1_000);
    expect(sliced).toEqual(planGuestImport(state, rows, ['name'], ids()));
    // a turn after the index and the copy of the state, then one every 100 rows
    expect(turns).toBeGreaterThanOrEqual(10);
  });

  it('plans a table draw a slice at a time, to the same plan as in one go', async () => {
    const state = planOf([
      { type: 'createPlan', name: 'P' },
      { type: 'addRoom', roomId: 'r', name: 'Hall' },
      { type: 'addTable', tableId: 't1', name: '1', capacity: 8 },
      { type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'r', label: 'H-1', capacity: 8 },
    ]);
    // the table, then 1,499 rows naming tables the plan does not have: 1,500 rows, three slices of 500
    const rows = [{ rowNumber: 2, cells: ['1', 'H-1'] }, ...Array.from({ length: 1_499 }, (_, i) => ({ rowNumber: i + 3, cells: [`x${i}`, 'H-1'] }))];
    const counted = counting(planTableDrawSteps(state, rows, ['table', 'physical']));
    const sliced = await runSliced(counted.steps, 0);
    expect(sliced).toEqual(planTableDraw(state, rows, ['table', 'physical']));
    expect(sliced.rows[0]).toMatchObject({ status: 'place', tableId: 't1', physicalTableId: 'p1' });
    expect(counted.yields()).toBeGreaterThanOrEqual(4);
  });

  it('plans a revert a slice at a time, to the same plan as in one go', async () => {
    const state = planOf([{ type: 'createPlan', name: 'P' }]);
    const target: RecordedEvent[] = [];
    for (let i = 0; i < 1_200; i++) {
      const d = decide(state, { type: 'addGuest', guestId: `g${i}`, name: `Guest ${i}` });
      if (!d.ok) throw new Error(d.error.message);
      for (const event of d.events) {
        evolve(state, event);
        target.push({ version: state.version, event, actor: 'Ann', actorId: 'ann', commandId: `c${i}`, batchId: 'import' });
      }
    }
    const counted = counting(planRevertSteps(state, target, new LaterChanges()));
    const sliced = await runSliced(counted.steps, 0);
    expect(sliced).toEqual(planRevert(state, target, []));
    expect(sliced.commands).toHaveLength(1_200);
    expect(sliced.commands[0]).toEqual({ type: 'removeGuest', guestId: 'g1199' });
    // after the copy of the state, then every 500 events of the target
    expect(counted.yields()).toBeGreaterThanOrEqual(3);
  });
});
