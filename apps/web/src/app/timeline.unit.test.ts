import { cloneState, decide, diffStates, evolve, initialState, type Command, type PlanState } from '@seatfold/domain';
import { groupHistory, PlanHistory, type WireEvent } from '@seatfold/sync';
import { describe, expect, it } from 'vitest';
import { appendGroups, diffActors, diffHighlights, diffLines, entryIndexAt, entrySentence, nextBoundary, parseAt, prevBoundary } from './timeline.ts';

/** A log of wire events: commands run as actors, optionally inside a batch. */
function log(steps: [actor: string, cs: Command[], batchId?: string][]): WireEvent[] {
  const s = initialState();
  const out: WireEvent[] = [];
  let n = 0;
  for (const [actor, cs, batchId] of steps) {
    for (const c of cs) {
      const commandId = `c${++n}`;
      const d = decide(s, c);
      if (!d.ok) throw new Error(d.error.message);
      for (const event of d.events) {
        evolve(s, event);
        out.push({
          version: s.version,
          event,
          meta: {
            actor,
            actorId: `name:${actor}`,
            commandId: batchId ? `${batchId}-cmd` : commandId,
            batchId: batchId ?? null,
            at: 1_000 * s.version,
          },
        });
      }
    }
  }
  return out;
}

const setup: Command[] = [
  { type: 'createPlan', name: 'Gala' },
  { type: 'addTable', tableId: 't12', name: '12', capacity: 4 },
  { type: 'addTable', tableId: 't7', name: '7', capacity: 4 },
  { type: 'addGuest', guestId: 'anna', name: 'Anna Müller' },
  { type: 'addGuest', guestId: 'ben', name: 'Ben' },
  { type: 'seatGuest', guestId: 'anna', tableId: 't12' },
];

const events = log([
  ['Setup', setup, 'b-setup'],
  ['Ann', [{ type: 'moveGuest', guestId: 'anna', tableId: 't7' }]],
  ['Bob', [{ type: 'seatGuest', guestId: 'ben', tableId: 't12' }]],
  ['Bob', [{ type: 'lockTable', tableId: 't12' }]],
  ['Ann', [{ type: 'editTable', tableId: 't7', changes: { name: 'Board' } }]],
]);

const stateAt = (v: number): PlanState => {
  const h = new PlanHistory(4);
  h.append(events);
  return h.stateAt(v);
};

describe('timeline', () => {
  it('groups incrementally exactly as groupHistory does, whatever the page boundaries', () => {
    const whole = groupHistory(events);
    for (const cut of [1, 3, 6, 7, 9]) {
      const entries = appendGroups([], events.slice(0, cut));
      appendGroups(entries, events.slice(cut - 1)); // overlapping: already-held events are skipped
      expect(entries).toEqual(whole);
    }
    expect(whole.map((e) => e.events.length)).toEqual([6, 1, 1, 1, 1]);
  });

  it('finds the entry holding a version', () => {
    const entries = groupHistory(events);
    expect(entryIndexAt(entries, 0)).toBe(-1);
    expect(entryIndexAt(entries, 4)).toBe(0);
    expect(entryIndexAt(entries, 7)).toBe(1);
    expect(entryIndexAt(entries, 10)).toBe(4);
    expect(entryIndexAt(entries, 11)).toBe(-1);
  });

  it('steps one command (or batch) at a time', () => {
    const entries = groupHistory(events); // versions: [1-6] 7 8 9 10
    expect(prevBoundary(entries, 10)).toBe(9);
    expect(prevBoundary(entries, 7)).toBe(6);
    expect(prevBoundary(entries, 5)).toBe(0); // from inside the setup batch: before it
    expect(prevBoundary(entries, 0)).toBe(0);
    expect(nextBoundary(entries, 0)).toBe(6);
    expect(nextBoundary(entries, 3)).toBe(6);
    expect(nextBoundary(entries, 9)).toBe(10);
    expect(nextBoundary(entries, 10)).toBeNull();
  });

  it('says what happened with the names as they were before, the actor first', () => {
    const entries = groupHistory(events);
    const sentence = (i: number) => entrySentence(entries[i]!, stateAt(entries[i]!.firstVersion - 1));
    expect(sentence(1)).toBe('Ann moved Anna Müller from table 12 to table 7');
    expect(sentence(2)).toBe('Bob seated Ben at table 12');
    expect(sentence(3)).toBe('Bob locked table 12');
    expect(sentence(4)).toBe('Ann changed table 7: name “7” → “Board”');
    expect(entrySentence(entries[0]!, initialState(), { kind: 'setup', label: 'Setup' })).toBe('Setup set up the plan (6 edits)');
    expect(entrySentence(entries[0]!, initialState())).toBe('Setup set up the plan (6 edits)');
    expect(entrySentence({ ...entries[1]!, batchId: 'b9', events: events.slice(6, 10) }, stateAt(6))).toBe('Ann made a batch of changes (4 edits)');
  });

  it('an undo says what it did; a revert names the batch it reverted', () => {
    const entries = groupHistory(events);
    const undo = { ...entries[2]!, batchId: 'undo-c1' };
    expect(entrySentence(undo, stateAt(undo.firstVersion - 1), { kind: 'undo', label: 'Undo' })).toBe('Bob undid a change: seated Ben at table 12');
    expect(entrySentence(undo, stateAt(undo.firstVersion - 1), { kind: 'undo', label: 'Redo' })).toBe('Bob redid a change: seated Ben at table 12');
    const many = { ...entries[1]!, batchId: 'undo-c2', events: events.slice(6, 10) };
    expect(entrySentence(many, stateAt(6), { kind: 'undo', label: 'Undo' })).toBe('Ann undid a change (4 edits)');
    // An undo named after what it took back says so; a redo of a few events says "redid" from its label's first word.
    expect(entrySentence(many, stateAt(6), { kind: 'undo', label: 'Undo of “Guest import: guests.xlsx”' })).toBe(
      'Ann undid “Guest import: guests.xlsx” (4 edits)',
    );
    expect(entrySentence(many, stateAt(6), { kind: 'undo', label: 'Redo of “Guest import: guests.xlsx”' })).toBe(
      'Ann redid “Guest import: guests.xlsx” (4 edits)',
    );
    expect(entrySentence(many, stateAt(6), { kind: 'undo', label: 'Undo: seated 4 guests of Party Braun at table 9' })).toBe(
      'Ann undid: seated 4 guests of Party Braun at table 9 (4 edits)',
    );
    expect(entrySentence(undo, stateAt(undo.firstVersion - 1), { kind: 'undo', label: 'Redo: seated Ben at table 12' })).toBe(
      'Bob redid: seated Ben at table 12',
    );
    // a few events of an undo named after what it took back: that, not its own events read the other way round
    expect(entrySentence(undo, stateAt(undo.firstVersion - 1), { kind: 'undo', label: 'Undo: added bar “Bar”' })).toBe('Bob undid: added bar “Bar”');
    expect(entrySentence(many, stateAt(6), { kind: 'revert', label: 'Revert of “Guest import: guests.xlsx”' })).toBe(
      'Ann reverted “Guest import: guests.xlsx” (4 edits)',
    );
  });

  it('a diff tells two people of the same name apart, and shows each id under its current name', () => {
    const two = events.slice(6, 10).map((e, i) => ({ ...e, meta: { ...e.meta, actor: 'Alex', actorId: i % 2 ? 'p1' : 'p2' } }));
    const legacy = { ...events[5]!, meta: { ...events[5]!.meta, actor: 'Alex', actorId: null } };
    const { actors } = diffActors([...two, legacy], (m) => (m.actorId === 'p1' ? 'Alex Brandt' : m.actor));
    expect(actors).toEqual([
      { actor: 'Alex', actorId: 'p2', events: 2 },
      { actor: 'Alex Brandt', actorId: 'p1', events: 2 },
      { actor: 'Alex', actorId: null, events: 1 },
    ]);
  });

  it('a diff between two points says who changed each thing', () => {
    const a = stateAt(6);
    const b = stateAt(10);
    const d = diffStates(a, b);
    const { actors, byEntity } = diffActors(events.slice(6, 10));
    expect(actors).toEqual([
      { actor: 'Ann', actorId: 'name:Ann', events: 2 },
      { actor: 'Bob', actorId: 'name:Bob', events: 2 },
    ]);
    const lines = diffLines(d, a, b, byEntity);
    expect(lines).toContainEqual({ key: 'guest:anna', text: 'Anna Müller: table 12 → table Board', by: ['Ann'] });
    expect(lines).toContainEqual({ key: 'guest:ben', text: 'Ben: no table → table 12', by: ['Bob'] });
    expect(lines).toContainEqual({ key: 'table:t12', text: 'table 12: locked', by: ['Bob'] });
    expect(lines).toContainEqual({ key: 'table:t7', text: 'table Board: name 7 → Board', by: ['Ann'] });
    // Each line is credited to who changed what it shows: Ben's seat to Bob, his rename to Ann.
    const renamed = {
      ...events[9]!,
      version: 11,
      event: { type: 'GuestEdited', v: 1, guestId: 'ben', changes: { name: 'Benno' }, previous: { name: 'Ben' } },
    } as const;
    const later = diffActors([...events.slice(6, 10), renamed]);
    const c = cloneState(stateAt(10));
    evolve(c, renamed.event);
    const credited = diffLines(diffStates(a, c), a, c, later.byEntity, later.byAspect);
    expect(credited).toContainEqual({ key: 'guest:ben', text: 'Benno: no table → table 12', by: ['Bob'] });
    expect(credited).toContainEqual({ key: 'guest:ben', text: 'Benno: changed name', by: ['Ann'] });
    expect(
      diffLines(diffStates(a, c), a, c, later.byEntity)
        .find((l) => l.text === 'Benno: changed name')
        ?.by.sort(),
    ).toEqual(['Ann', 'Bob']);
    const h = diffHighlights(d);
    expect([...h.guests].sort()).toEqual(['anna', 'ben']);
    expect([...h.tables].sort()).toEqual(['t12', 't7']);
  });

  it('a diff says fields in the forms’ words: guest number, e-mail, VIP yes or no', () => {
    const a = stateAt(10);
    const b = cloneState(a);
    for (const c of [
      { type: 'editGuest', guestId: 'anna', changes: { ref: 'G-12', email: 'anna@example.org' } },
      { type: 'editTable', tableId: 't7', changes: { vip: true } },
    ] as Command[]) {
      const d = decide(b, c);
      if (!d.ok) throw new Error(d.error.message);
      for (const e of d.events) evolve(b, e);
    }
    const lines = diffLines(diffStates(a, b), a, b, new Map()).map((l) => l.text);
    expect(lines).toContain('Anna Müller: changed e-mail, guest number');
    expect(lines).toContain('table Board: VIP no → yes');
  });

  it('a diff of many guests and rules reads each state’s guest list once, not once per line', () => {
    const a = stateAt(10);
    const b = cloneState(a);
    const rules = Array.from({ length: 10 }, (_, i): Command => ({
      type: 'addSeatingRule',
      ruleId: `r${i}`,
      kind: 'together',
      hard: false,
      guestIds: [`x${2 * i}`, `x${2 * i + 1}`],
    }));
    for (const c of [...Array.from({ length: 50 }, (_, i): Command => ({ type: 'addGuest', guestId: `x${i}`, name: `Guest ${i}` })), ...rules]) {
      const d = decide(b, c);
      if (!d.ok) throw new Error(d.error.message);
      for (const e of d.events) evolve(b, e);
    }
    let reads = 0;
    const counted = (s: PlanState): PlanState => ({
      ...s,
      guests: new Proxy(s.guests, {
        ownKeys: (target) => {
          reads++;
          return Reflect.ownKeys(target);
        },
      }),
    });
    const lines = diffLines(diffStates(a, b), counted(a), counted(b), new Map());
    expect(lines).toHaveLength(60);
    expect(lines).toContainEqual({ key: 'guest:x7', text: 'Guest 7 added', by: [] });
    expect(lines).toContainEqual({ key: 'rule:r3', text: 'Rule added: keep Guest 6 and Guest 7 together (wish)', by: [] });
    expect(reads).toBeLessThanOrEqual(2);
  });

  it('a diff lists rooms, physical tables, the floor, fixtures and rules, each with who changed it', () => {
    const venue = log([
      [
        'Setup',
        [
          { type: 'createPlan', name: 'Gala' },
          { type: 'addRoom', roomId: 'hall', name: 'Garden Hall' },
          { type: 'addRoom', roomId: 'terrace', name: 'Terrace' },
          { type: 'setRoomSize', roomId: 'terrace', widthM: 20, depthM: 30 },
          ...(['05', '06', '07', '08'] as const).map((n): Command => ({
            type: 'addPhysicalTable',
            physicalTableId: `p${n}`,
            roomId: 'hall',
            label: `G-${n}`,
            capacity: 10,
          })),
          { type: 'addTable', tableId: 't12', name: '12', capacity: 10 },
          { type: 'mapTable', tableId: 't12', physicalTableId: 'p07' },
          {
            type: 'arrangeFloor',
            roomId: 'hall',
            moves: [
              { kind: 'table', id: 'p05', x: 4, y: 4, rotation: 0 },
              { kind: 'table', id: 'p07', x: 10, y: 4, rotation: 0 },
            ],
          },
          { type: 'addFixture', fixtureId: 'f1', roomId: 'hall', kind: 'pillar', label: 'P1', x: 20, y: 20, widthM: 1, depthM: 1, rotation: 0 },
          { type: 'addGuest', guestId: 'kim', name: 'Kim Doe' },
          { type: 'addGuest', guestId: 'lee', name: 'Lee Park' },
          { type: 'addSeatingRule', ruleId: 'r1', kind: 'apart', hard: false, guestIds: ['kim', 'lee'] },
        ],
        'b-setup',
      ],
      ['Ann', [{ type: 'setRoomSize', roomId: 'terrace', widthM: 25, depthM: 30 }]],
      ['Ann', [{ type: 'renameRoom', roomId: 'terrace', name: 'Sky Terrace' }]],
      ['Bob', [{ type: 'editPhysicalTable', physicalTableId: 'p07', changes: { capacity: 12 } }]],
      ['Bob', [{ type: 'arrangeFloor', roomId: 'hall', moves: [{ kind: 'table', id: 'p07', x: 14, y: 4, rotation: 0 }] }]],
      ['Bob', [{ type: 'arrangeFloor', roomId: 'hall', moves: [{ kind: 'table', id: 'p06', x: 4, y: 12, rotation: 0 }] }]],
      ['Bob', [{ type: 'editPhysicalTable', physicalTableId: 'p05', changes: { roomId: 'terrace', label: 'T-01' } }]],
      ['Bob', [{ type: 'addPhysicalTable', physicalTableId: 'p09', roomId: 'hall', label: 'G-09', capacity: 10 }]],
      ['Bob', [{ type: 'removePhysicalTable', physicalTableId: 'p08' }]],
      [
        'Ann',
        [{ type: 'addFixture', fixtureId: 'f2', roomId: 'hall', kind: 'bar', label: 'Main bar', x: 30, y: 2, widthM: 4, depthM: 1, rotation: 0 }],
      ],
      ['Ann', [{ type: 'editFixture', fixtureId: 'f1', label: 'Pillar A' }]],
      ['Ann', [{ type: 'removeSeatingRule', ruleId: 'r1' }]],
      ['Ann', [{ type: 'addSeatingRule', ruleId: 'r2', kind: 'together', hard: true, guestIds: ['kim', 'lee'] }]],
    ]);
    const cut = venue.findIndex((e) => e.meta.actor !== 'Setup');
    const fold = (n: number) => {
      const s = initialState();
      for (const e of venue.slice(0, n)) evolve(s, e.event);
      return s;
    };
    const [a, b] = [fold(cut), fold(venue.length)];
    const { byEntity, byAspect } = diffActors(venue.slice(cut));
    const lines = diffLines(diffStates(a, b), a, b, byEntity, byAspect).map((l) => `${l.text} — by ${l.by.join(', ')}`);
    expect(lines.sort()).toEqual(
      [
        'Room Terrace renamed Sky Terrace — by Ann',
        'Room Sky Terrace: size 20 × 30 m → 25 × 30 m — by Ann',
        'Physical table G-07: seats 10 → 12 — by Bob',
        'Table “12” (G-07) moved on the floor — by Bob',
        'Table G-06 placed on the floor — by Bob',
        'Physical table G-05 relabelled T-01 — by Bob',
        'Physical table T-01: room Garden Hall → Sky Terrace — by Bob',
        'Table T-01 taken off the floor — by Bob',
        'Physical table G-09 added in Garden Hall — by Bob',
        'Physical table G-08 removed from Garden Hall — by Bob',
        'Bar “Main bar” added in Garden Hall — by Ann',
        'Pillar “Pillar A”: label “P1” → “Pillar A” — by Ann',
        'Rule removed: keep Kim Doe and Lee Park apart (wish) — by Ann',
        'Rule added: keep Kim Doe and Lee Park together (must) — by Ann',
      ].sort(),
    );
  });

  it('a diff lists the plan’s name and its department setting, each credited to who changed that one', () => {
    const plan = log([
      ['Setup', setup, 'b-setup'],
      ['Ann', [{ type: 'renamePlan', name: 'Spring Gala' }]],
      ['Bob', [{ type: 'setDepartmentSeating', departments: 'group' }]],
      ['Cara', [{ type: 'editGuest', guestId: 'ben', changes: { department: 'Sales' } }]],
    ]);
    const fold = (n: number) => {
      const s = initialState();
      for (const e of plan.slice(0, n)) evolve(s, e.event);
      return s;
    };
    const cut = plan.findIndex((e) => e.meta.actor !== 'Setup');
    const [a, b] = [fold(cut), fold(plan.length)];
    const { byEntity, byAspect } = diffActors(plan.slice(cut));
    const lines = diffLines(diffStates(a, b), a, b, byEntity, byAspect).map((l) => `${l.text} — by ${l.by.join(', ')}`);
    // Ann renamed, Bob set the departments: neither is credited with the other's change (both changed `plan:`).
    expect(lines).toEqual([
      'Plan “Gala” renamed “Spring Gala” — by Ann',
      'Automatic seating: ignore departments → group colleagues of one department — by Bob',
      'Ben: changed department — by Cara',
    ]);
    expect(diffLines(diffStates(b, b), b, b, byEntity, byAspect)).toEqual([]);

    // From the start: the plan was created under its first name, by whoever created it.
    const all = diffActors(plan);
    const fromStart = diffLines(diffStates(initialState(), b), initialState(), b, all.byEntity, all.byAspect);
    expect(fromStart.filter((l) => l.key === 'plan:').map((l) => `${l.text} — by ${l.by.join(', ')}`)).toEqual([
      'Plan “Spring Gala” created — by Setup, Ann',
      'Automatic seating: ignore departments → group colleagues of one department — by Bob',
    ]);
  });

  it('a diff and a sentence read a stored edit whose changes are not an object (null, an array, a string) without throwing', () => {
    const odd = [null, ['name'], 'name'].map((changes, i): WireEvent => ({
      version: events.length + i + 1,
      event: { type: 'GuestEdited', v: 1, guestId: 'anna', changes, previous: changes } as unknown as WireEvent['event'],
      meta: { actor: 'Ann', actorId: 'name:Ann', commandId: `odd${i}`, batchId: null, at: 0 },
    }));
    const { actors, byEntity, byAspect } = diffActors(odd);
    expect(actors).toEqual([{ actor: 'Ann', actorId: 'name:Ann', events: 3 }]);
    expect(byEntity.get('guest:anna')).toEqual(['Ann']);
    expect([...byAspect.keys()]).toEqual([]);
    const [entry] = groupHistory(odd.slice(0, 1));
    expect(entrySentence(entry!, stateAt(events.length))).toBe('Ann changed Anna Müller');
  });

  it('reads ?at= from a deep link', () => {
    expect(parseAt('?at=42')).toBe(42);
    expect(parseAt('?x=1&at=0')).toBe(0);
    expect(parseAt('?at=-1')).toBeNull();
    expect(parseAt('?at=abc')).toBeNull();
    expect(parseAt('')).toBeNull();
  });
});
