import { describe, expect, it } from 'vitest';
import { GuestLabelIndex, guestLabel, guestLabels } from './guest-labels.ts';
import { describeEvent } from './describe.ts';
import type { PlanEvent } from './events.ts';
import { emptyGuestFields, type Guest } from './model.ts';
import { ruleText } from './rules.ts';
import { given, prng } from './testing/index.ts';

const guest = (id: string, over: Partial<Guest>): Guest => ({ ...emptyGuestFields, id, tableId: null, name: 'Guest', ...over });
const record = (...guests: Guest[]) => Object.fromEntries(guests.map((g) => [g.id, g]));

describe('guestLabels', () => {
  it('is the name alone when nobody else has it', () => {
    const labels = guestLabels(record(guest('a', { name: 'Anna Schmidt', email: 'a@x.org' }), guest('b', { name: 'Bernd Schmidt' })));
    expect(labels.get('a')).toBe('Anna Schmidt');
    expect(labels.get('b')).toBe('Bernd Schmidt');
  });
  it('tells two guests of one name apart by what they do not share (case, accents and outer spaces aside)', () => {
    const labels = guestLabels(
      record(
        guest('a', { name: 'Anna Schmidt', email: 'anna@x.org', department: 'Sales' }),
        guest('b', { name: 'anna schmidt ', email: 'a.schmidt@x.org', department: 'Sales' }),
        guest('c', { name: 'Thomas Müller', ref: 'P-1', party: 'Müller' }),
        guest('d', { name: 'Thomas Muller', ref: 'P-2', party: 'Müller' }),
      ),
    );
    expect(labels.get('a')).toBe('Anna Schmidt (anna@x.org)');
    expect(labels.get('b')).toBe('anna schmidt  (a.schmidt@x.org)');
    expect(labels.get('c')).toBe('Thomas Müller (no. P-1)');
    expect(labels.get('d')).toBe('Thomas Muller (no. P-2)');
  });
  it('numbers guests nothing else tells apart in the order they were added, so no two read the same', () => {
    const labels = guestLabels(record(guest('z', { name: 'Anna' }), guest('b', { name: 'Anna' }), guest('c', { name: 'Anna', party: 'Vogel' })));
    expect(new Set(labels.values()).size).toBe(3);
    expect(labels.get('c')).toBe('Anna (party Vogel)');
    expect(labels.get('z')).toBe('Anna (1 of 2 with no other details)');
    expect(labels.get('b')).toBe('Anna (2 of 2 with no other details)');
  });
});

describe('guestLabel', () => {
  const guests = record(
    guest('a', { name: 'Kim Doe', email: 'kim@a.org' }),
    guest('b', { name: 'Lee Roe', email: 'lee@a.org' }),
    guest('c', { name: 'Kim Doe', email: 'kim@b.org' }),
    guest('d', { name: 'Kim Doe' }),
    guest('e', { name: 'Kim Doe' }),
  );
  it('reads one guest exactly as the list of all guests reads them', () => {
    const all = guestLabels(guests);
    for (const id of Object.keys(guests)) expect(guestLabel(guests, id)).toBe(all.get(id));
    expect(guestLabel(guests, 'b')).toBe('Lee Roe');
    expect(guestLabel(guests, 'c')).toBe('Kim Doe (kim@b.org)');
    expect(guestLabel(guests, 'e')).toBe('Kim Doe (2 of 2 with no other details)');
  });
  it('is undefined for a guest the plan does not have', () => {
    expect(guestLabel(guests, 'x')).toBeUndefined();
  });
  it('follows a rename of a guest changed in place (as the server folds)', () => {
    const mutable = record(guest('a', { name: 'Kim Doe', ref: '1' }), guest('b', { name: 'Kim Doe', ref: '2' }));
    expect(guestLabel(mutable, 'a')).toBe('Kim Doe (no. 1)');
    mutable.b!.name = 'Kim Roe';
    expect(guestLabel(mutable, 'a')).toBe('Kim Doe');
  });
});

describe('two guests of one name where the plan names a guest', () => {
  const added = (guestId: string, name: string, email: string): PlanEvent => ({
    type: 'GuestAdded',
    v: 1,
    guestId,
    ...emptyGuestFields,
    name,
    email,
  });
  const world: PlanEvent[] = [
    { type: 'PlanCreated', v: 1, name: 'Gala' },
    { type: 'TableAdded', v: 1, tableId: 't1', name: '1', capacity: 1, vip: false },
    added('k1', 'Kim Doe', 'kim@a.org'),
    added('k2', 'Kim Doe', 'kim@b.org'),
    added('l1', 'Lee Roe', ''),
  ];
  const s = given(world).state;

  it('tells them apart in the timeline, and leaves a name nobody shares alone', () => {
    expect(describeEvent({ type: 'GuestSeated', v: 1, guestId: 'k2', tableId: 't1' }, s)).toBe('seated Kim Doe (kim@b.org) at table 1');
    expect(describeEvent({ type: 'GuestSeated', v: 1, guestId: 'l1', tableId: 't1' }, s)).toBe('seated Lee Roe at table 1');
    const { type: _t, v: _v, guestId: _g, ...previous } = added('k1', 'Kim Doe', 'kim@a.org') as Extract<PlanEvent, { type: 'GuestAdded' }>;
    expect(describeEvent({ type: 'GuestRemoved', v: 1, guestId: 'k1', previous }, s)).toBe('removed guest Kim Doe (kim@a.org)');
    expect(describeEvent(added('k3', 'kim doe', 'kim@c.org'), s)).toBe('added guest kim doe (kim@c.org)');
  });

  it('tells them apart in a rule and in a refusal (a stale drop too)', () => {
    expect(ruleText(s, { kind: 'apart', hard: true, guestIds: ['k1', 'k2'] })).toBe('keep Kim Doe (kim@a.org) and Kim Doe (kim@b.org) apart (must)');
    given([...world, { type: 'GuestSeated', v: 1, guestId: 'k1', tableId: 't1' }])
      .when({ type: 'seatGuest', guestId: 'k1', tableId: 't1' })
      .thenRejects('GuestAlreadySeated', /^Kim Doe \(kim@a\.org\) is already seated at table “1”\.$/);
    given([...world, { type: 'GuestSeated', v: 1, guestId: 'k1', tableId: 't1' }])
      .when({ type: 'seatGuest', guestId: 'k1', tableId: 't1', expectedTableId: null })
      .thenRejects('Stale', /^Kim Doe \(kim@a\.org\) was just seated at table “1”/);
    given([...world, { type: 'GuestSeated', v: 1, guestId: 'k1', tableId: 't1' }, { type: 'TableLocked', v: 1, tableId: 't1' }])
      .when({ type: 'unseatGuest', guestId: 'k1' })
      .thenRejects('TableLocked', /take Kim Doe \(kim@a\.org\) off it/);
  });
});

describe('GuestLabelIndex', () => {
  it('labels exactly as guestLabel while the record changes in place and the changed ids are refreshed', () => {
    const rng = prng(7);
    const names = ['Anna', 'anna ', 'Ánna', 'Ben', 'Cara', 'Ben'];
    const guests: Record<string, Guest> = {};
    let n = 0;
    const add = () => {
      const id = `g${n++}`;
      guests[id] = guest(id, { name: names[rng.int(names.length)]!, email: rng.int(3) === 0 ? `${id}@x.org` : '' });
      return id;
    };
    for (let i = 0; i < 20; i++) add();
    const index = new GuestLabelIndex(guests);
    const removed: Guest[] = [];
    for (let step = 0; step < 200; step++) {
      const ids = Object.keys(guests);
      const id = ids[rng.int(ids.length)]!;
      const what = rng.int(5);
      let touched = id;
      if (what === 0) touched = add();
      else if (what === 1 && ids.length > 2) {
        removed.push(guests[id]!);
        delete guests[id];
      } else if (what === 2)
        guests[id]!.name = names[rng.int(names.length)]!; // renamed in place
      else if (what === 3)
        guests[id] = { ...guests[id]!, email: rng.int(2) ? `${step}@x.org` : '' }; // replaced
      else if (removed.length > 0) {
        const back = removed.pop()!; // added again with its old id, last in the record's order
        guests[back.id] = back;
        touched = back.id;
      }
      index.refresh([touched]);
      for (const g of Object.keys(guests)) expect(index.label(g)).toBe(guestLabel(guests, g));
      const newcomer = guest('new', { name: names[rng.int(names.length)]! });
      expect(index.labelAdded(newcomer)).toBe(guestLabel({ ...guests, new: newcomer }, 'new'));
    }
    expect(index.label('nobody')).toBeUndefined();
  });
});
