import { describe, expect, it } from 'vitest';
import { decide, demoPlanCommands, evolve, initialState, planTotals, stateHash, tablesByRoom } from './index.ts';

function buildDemo(seed?: number) {
  const s = initialState();
  for (const c of demoPlanCommands(seed)) {
    const d = decide(s, c);
    if (!d.ok) throw new Error(`demo command ${JSON.stringify(c)} refused: ${d.error.message}`);
    for (const e of d.events) evolve(s, e);
  }
  return s;
}

describe('demo plan', () => {
  it('is a realistic plan that every command of which is accepted', () => {
    const s = buildDemo();
    const totals = planTotals(s);
    expect(totals.guests).toBe(1500);
    expect(totals.tables).toBe(150);
    expect(Object.keys(s.rooms)).toHaveLength(3);
    expect(totals.seated).toBeGreaterThan(1000);
    expect(totals.unseated).toBeGreaterThan(100);
    const vip = Object.values(s.tables).filter((t) => t.vip);
    expect(vip).toHaveLength(4);
    expect(vip.every((t) => t.locked && t.physicalTableId && t.guestIds.length === 8)).toBe(true);
    expect(tablesByRoom(s).find((g) => g.room === null)?.tables.length).toBe(16);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(stateHash(buildDemo(7))).toBe(stateHash(buildDemo(7)));
    expect(stateHash(buildDemo(7))).not.toBe(stateHash(buildDemo(8)));
  });
});
