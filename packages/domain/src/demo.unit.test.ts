import { describe, expect, it } from 'vitest';
import {
  decide,
  demoPlanCommands,
  evolve,
  foldText,
  guestLabels,
  initialState,
  planTotals,
  stateHash,
  tablesByRoom,
  type DemoOptions,
  type PlanState,
} from './index.ts';

function buildDemo(seed?: number, options?: DemoOptions) {
  const s = initialState();
  for (const c of demoPlanCommands(seed, options)) {
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

  it('has about as few guests sharing a name as a real company of 1,500: a few dozen, not 701', () => {
    // Guests the app must tell apart by a detail (guest number, e-mail, department, party) wherever it names them.
    const namesakes = (s: PlanState) => {
      const labels = guestLabels(s.guests);
      return Object.values(s.guests).filter((g) => labels.get(g.id) !== g.name).length;
    };
    expect(namesakes(buildDemo(2026, { distinctNames: false }))).toBe(701);
    const shared = namesakes(buildDemo());
    expect(shared).toBeGreaterThan(0); // a few stay, to show how the app tells them apart
    expect(shared).toBeLessThanOrEqual(45); // at most 3 % of the guests (26 with seed 2026)
  });

  it('renames only guests whose drawn name an earlier guest has: everything else is the demo as it was', () => {
    const before = demoPlanCommands(2026, { distinctNames: false });
    const after = demoPlanCommands(2026);
    expect(after).toHaveLength(before.length);
    const earlier = new Set<string>();
    let renamed = 0;
    for (const [i, c] of after.entries()) {
      const old = before[i]!;
      if (c.type !== 'addGuest' || old.type !== 'addGuest') {
        expect(c).toEqual(old);
        continue;
      }
      const { name: _name, email: _email, ...rest } = c;
      const { name: _oldName, email: _oldEmail, ...oldRest } = old;
      expect(rest).toEqual(oldRest);
      if (c.name === old.name) expect(c.email).toBe(old.email);
      else {
        renamed++;
        expect(earlier.has(foldText(old.name)), old.name).toBe(true); // its drawn name was taken…
        expect(earlier.has(foldText(c.name)), c.name).toBe(false); // …its new one is nobody's yet
        const [first, ...surname] = c.name.split(' ');
        expect(surname).toEqual(old.name.split(' ').slice(1));
        // the e-mail follows the new first name; the party's surname and the guest number stay
        expect(c.email).toBe(foldText(first!).replace(/[^a-z]/g, '') + old.email!.slice(old.email!.indexOf('.')));
      }
      earlier.add(foldText(c.name));
    }
    expect(renamed).toBeGreaterThan(300);
  });
});
