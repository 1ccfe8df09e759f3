import { decide, evolve, initialState, stateHash, type Command, type PlanState } from '@seatfold/domain';
import { describe, expect, it } from 'vitest';
import {
  clientReducer,
  initialClientState,
  rejectionOf,
  type ClientAction,
  type ClientPlanState,
  type JoinedPayload,
  type PendingCommand,
} from './client-state.ts';
import type { CommandReply, WireEvent } from './protocol.ts';

/** The server's side of the story: commands decided and folded in order, their events numbered as the stream would. */
function serverPlan() {
  const state = initialState();
  const log: WireEvent[] = [];
  let n = 0;
  return {
    state,
    log,
    /** Runs a command as some other client would, returning its wire events. */
    run(command: Command, commandId = `srv-${++n}`, actor = 'Other'): WireEvent[] {
      const d = decide(state, command);
      if (!d.ok) throw new Error(`test setup: ${command.type} refused: ${d.error.message}`);
      const out = d.events.map((event) => {
        evolve(state, event);
        return { version: state.version, event, meta: { actor, actorId: `name:${actor}`, commandId, batchId: null, at: 0 } };
      });
      log.push(...out);
      return structuredClone(out);
    },
    snapshot: (): PlanState => structuredClone(state),
  };
}

const setup: Command[] = [
  { type: 'createPlan', name: 'Gala' },
  { type: 'addTable', tableId: 'T1', name: '1', capacity: 2 },
  { type: 'addTable', tableId: 'T2', name: '2', capacity: 2 },
  { type: 'addGuest', guestId: 'G1', name: 'Ada' },
  { type: 'addGuest', guestId: 'G2', name: 'Bob' },
  { type: 'addGuest', guestId: 'G3', name: 'Cy' },
];

function joinReply(events: WireEvent[], over: Partial<JoinedPayload> = {}): JoinedPayload {
  const version = over.snapshot?.version ?? 0;
  return {
    ok: true,
    planId: 'plan-1',
    planName: 'Gala',
    role: 'organise',
    you: { id: 'name:Me', name: 'Me' },
    version: events.at(-1)?.version ?? version,
    events,
    snapshot: null,
    online: [],
    onlineCount: 0,
    ...over,
  };
}

const run = (state: ClientPlanState, ...actions: ClientAction[]) => actions.reduce(clientReducer, state);
const issued = (commandId: string, command: Command, batchId: string | null = null): ClientAction => ({
  type: 'sync/issued',
  payload: { commandId, command, batchId, at: 1 },
});
const replied = (reply: CommandReply): ClientAction => ({ type: 'sync/replied', payload: { reply, at: 2 } });
const events = (payload: WireEvent[]): ClientAction => ({ type: 'sync/events', payload });

/** A client joined to a plan the server set up (tables T1, T2 of 2 seats; guests G1–G3 unseated). */
function joined() {
  const server = serverPlan();
  const initial: WireEvent[] = [];
  for (const c of setup) initial.push(...server.run(c));
  const state = run(initialClientState(), { type: 'sync/joined', payload: joinReply(initial) });
  return { server, state };
}

describe('clientReducer', () => {
  it('joins: folds the catch-up events into confirmed, and the view is the confirmed state', () => {
    const { server, state } = joined();
    expect(state.planId).toBe('plan-1');
    expect(state.role).toBe('organise');
    expect(state.confirmed.version).toBe(server.state.version);
    expect(stateHash(state.confirmed)).toBe(stateHash(server.state));
    expect(state.view).toBe(state.confirmed);
    expect(state.needsResync).toBe(false);
  });

  it('applies an issued command optimistically to the view only', () => {
    const { state } = joined();
    const next = run(state, issued('c1', { type: 'seatGuest', guestId: 'G1', tableId: 'T1' }));
    expect(next.pending).toEqual([{ commandId: 'c1', command: { type: 'seatGuest', guestId: 'G1', tableId: 'T1' }, batchId: null, ackedAt: null }]);
    expect(next.view.guests.G1!.tableId).toBe('T1');
    expect(next.view.tables.T1!.guestIds).toEqual(['G1']);
    expect(next.confirmed).toBe(state.confirmed);
    expect(next.confirmed.guests.G1!.tableId).toBeNull();
  });

  it('never makes a locally refused command pending, and reports why', () => {
    const { state } = joined();
    const action = issued('c1', { type: 'seatGuest', guestId: 'nobody', tableId: 'T1' });
    const next = run(state, action);
    expect(next.pending).toEqual([]);
    expect(next.view).toBe(state.view);
    expect(rejectionOf(state, action)).toMatchObject({ commandId: 'c1', error: { code: 'UnknownGuest' } });
    expect(rejectionOf(state, issued('c2', { type: 'seatGuest', guestId: 'G1', tableId: 'T1' }))).toBeNull();
  });

  it('rebases by re-deciding: my seat of G at T1 disappears from the view when another organiser seated G at T2 first', () => {
    const { server, state } = joined();
    const mine = run(state, issued('c1', { type: 'seatGuest', guestId: 'G1', tableId: 'T1' }));
    expect(mine.view.guests.G1!.tableId).toBe('T1');

    const theirs = server.run({ type: 'seatGuest', guestId: 'G1', tableId: 'T2' });
    const rebased = run(mine, events(theirs));
    expect(rebased.confirmed.guests.G1!.tableId).toBe('T2');
    // Still pending (the server has not answered), but it no longer applies: G1 is where the server put them.
    expect(rebased.pending.map((p) => p.commandId)).toEqual(['c1']);
    expect(rebased.view.guests.G1!.tableId).toBe('T2');
    expect(rebased.view.tables.T1!.guestIds).toEqual([]);
    expect(rebased.view.tables.T2!.guestIds).toEqual(['G1']);

    const d = decide(server.state, { type: 'seatGuest', guestId: 'G1', tableId: 'T1' });
    expect(d.ok).toBe(false);
    const error = !d.ok ? d.error : { code: 'InvalidCommand' as const, message: '' };
    const refused = replied({ commandId: 'c1', status: 'rejected', error });
    const after = run(rebased, refused);
    expect(after.pending).toEqual([]);
    expect(after.view).toBe(after.confirmed);
    const rejection = rejectionOf(rebased, refused);
    expect(rejection).toMatchObject({
      commandId: 'c1',
      command: { type: 'seatGuest', guestId: 'G1', tableId: 'T1' },
      error: { code: 'GuestAlreadySeated' },
    });
    expect(rejection?.error.message).toMatch(/already seated/);
    // Once rolled back it is no longer pending: a repeated answer reports nothing twice.
    expect(rejectionOf(after, refused)).toBeNull();
  });

  it('never overfills a table in the view when a foreign seat takes the last place first', () => {
    const { server, state } = joined();
    const base = run(state, events(server.run({ type: 'seatGuest', guestId: 'G1', tableId: 'T1' })));
    const mine = run(base, issued('c1', { type: 'seatGuest', guestId: 'G2', tableId: 'T1' }));
    expect(mine.view.tables.T1!.guestIds).toEqual(['G1', 'G2']);

    const rebased = run(mine, events(server.run({ type: 'seatGuest', guestId: 'G3', tableId: 'T1' })));
    expect(rebased.view.tables.T1!.guestIds).toEqual(['G1', 'G3']);
    expect(rebased.view.guests.G2!.tableId).toBeNull();
    for (const t of Object.values(rebased.view.tables)) expect(t.guestIds.length).toBeLessThanOrEqual(t.capacity);

    const full = replied({ commandId: 'c1', status: 'rejected', error: { code: 'TableFull', message: 'Table “1” is full (2 of 2 seats taken).' } });
    const after = run(rebased, full);
    expect(rejectionOf(rebased, full)).toMatchObject({ commandId: 'c1', error: { code: 'TableFull' } });
    expect(after.view.tables.T1!.guestIds).toEqual(['G1', 'G3']);
  });

  it('keeps later pending commands that depend on earlier ones, in order', () => {
    const { state } = joined();
    const next = run(
      state,
      issued('c1', { type: 'addGuest', guestId: 'G9', name: 'Dee' }),
      issued('c2', { type: 'seatGuest', guestId: 'G9', tableId: 'T2' }),
      issued('c3', { type: 'moveGuest', guestId: 'G9', tableId: 'T1' }),
    );
    expect(next.pending.map((p) => p.commandId)).toEqual(['c1', 'c2', 'c3']);
    expect(next.view.guests.G9!.tableId).toBe('T1');
    expect(next.view.tables.T1!.guestIds).toEqual(['G9']);
    expect(next.view.tables.T2!.guestIds).toEqual([]);
  });

  it('ack before events: keeps the command pending (still in the view) until confirmed reaches the acked version', () => {
    const { server, state } = joined();
    const command: Command = { type: 'seatGuest', guestId: 'G1', tableId: 'T1' };
    let s = run(state, issued('c1', command));
    const mine = server.run(command, 'c1', 'Me');
    s = run(s, replied({ commandId: 'c1', status: 'accepted', version: mine.at(-1)!.version }));
    expect(s.pending).toEqual([expect.objectContaining({ commandId: 'c1', ackedAt: mine.at(-1)!.version })]);
    expect(s.view.guests.G1!.tableId).toBe('T1');
    s = run(s, events(mine));
    expect(s.pending).toEqual([]);
    expect(s.view).toBe(s.confirmed);
    expect(stateHash(s.confirmed)).toBe(stateHash(server.state));
  });

  it('ack after events: the events confirm the command, the late ack changes nothing', () => {
    const { server, state } = joined();
    const command: Command = { type: 'seatGuest', guestId: 'G1', tableId: 'T1' };
    let s = run(state, issued('c1', command));
    const mine = server.run(command, 'c1', 'Me');
    s = run(s, events(mine));
    expect(s.pending).toEqual([]);
    expect(s.view).toBe(s.confirmed);
    const late = run(s, replied({ commandId: 'c1', status: 'accepted', version: mine.at(-1)!.version }));
    expect(late).toBe(s);
  });

  it('drops an accepted zero-event command on its ack once confirmed is at the acked version', () => {
    const { server, state } = joined();
    let s = run(state, issued('c1', { type: 'unmapTable', tableId: 'T1' })); // not mapped: accepted, no events
    expect(s.pending).toHaveLength(1);
    s = run(s, replied({ commandId: 'c1', status: 'accepted', version: server.state.version }));
    expect(s.pending).toEqual([]);
    expect(s.view).toBe(s.confirmed);
  });

  it('keeps a zero-event command acked ahead of confirmed until the events before it arrive', () => {
    const { server, state } = joined();
    let s = run(state, issued('c1', { type: 'lockTable', tableId: 'T1' }));
    const theirs = server.run({ type: 'lockTable', tableId: 'T1' }); // somebody locked it first: mine is a no-op
    s = run(s, replied({ commandId: 'c1', status: 'accepted', version: server.state.version }));
    expect(s.pending).toEqual([expect.objectContaining({ commandId: 'c1', ackedAt: server.state.version })]);
    s = run(s, events(theirs));
    expect(s.pending).toEqual([]);
    expect(s.view.tables.T1!.locked).toBe(true);
    expect(s.view).toBe(s.confirmed);
  });

  it('ignores duplicate and old events, and folds only the new part of an overlapping batch', () => {
    const { server, state } = joined();
    const first = server.run({ type: 'seatGuest', guestId: 'G1', tableId: 'T1' });
    const second = server.run({ type: 'seatGuest', guestId: 'G2', tableId: 'T1' });
    const s = run(state, events(first));
    expect(run(s, events(first))).toBe(s);
    expect(run(s, events(server.log.slice(0, 3)))).toBe(s);
    const overlapped = run(s, events([...first, ...second]));
    expect(overlapped.confirmed.version).toBe(server.state.version);
    expect(overlapped.confirmed.tables.T1!.guestIds).toEqual(['G1', 'G2']);
    expect(stateHash(overlapped.confirmed)).toBe(stateHash(server.state));
  });

  it('flags a gap and folds nothing, until a join catches up', () => {
    const { server, state } = joined();
    const a = server.run({ type: 'seatGuest', guestId: 'G1', tableId: 'T1' });
    const b = server.run({ type: 'seatGuest', guestId: 'G2', tableId: 'T1' });
    const gapped = run(state, events(b));
    expect(gapped.needsResync).toBe(true);
    expect(gapped.confirmed).toBe(state.confirmed);

    const resynced = run(gapped, { type: 'sync/joined', payload: joinReply([...a, ...b]) });
    expect(resynced.needsResync).toBe(false);
    expect(stateHash(resynced.confirmed)).toBe(stateHash(server.state));
  });

  it('flags a gap inside one batch instead of folding events under the wrong versions', () => {
    const { server, state } = joined();
    const a = server.run({ type: 'seatGuest', guestId: 'G1', tableId: 'T1' });
    server.run({ type: 'seatGuest', guestId: 'G2', tableId: 'T1' });
    const c = server.run({ type: 'seatGuest', guestId: 'G3', tableId: 'T2' });
    const s = run(state, events([...a, ...c]));
    expect(s.needsResync).toBe(true);
    expect(s.confirmed).toBe(state.confirmed);
  });

  it('joins from a snapshot plus the events after it, and rebases pending commands on it', () => {
    const server = serverPlan();
    for (const c of setup) server.run(c);
    server.run({ type: 'seatGuest', guestId: 'G1', tableId: 'T1' });
    const snapshot = server.snapshot();
    const after = server.run({ type: 'seatGuest', guestId: 'G2', tableId: 'T1' });

    let s = run(initialClientState(), issued('c1', { type: 'createPlan', name: 'Gala' }));
    // offline, the client had only its own createPlan pending: the join brings the real plan
    s = run(s, { type: 'sync/joined', payload: joinReply(after, { snapshot: { version: snapshot.version, state: snapshot } }) });
    expect(s.confirmed.version).toBe(server.state.version);
    expect(stateHash(s.confirmed)).toBe(stateHash(server.state));
    expect(s.pending.map((p) => p.commandId)).toEqual(['c1']);
    expect(stateHash(s.view)).toBe(stateHash(server.state)); // createPlan no longer applies
    expect(Object.isFrozen(s.confirmed)).toBe(true);
  });

  it('starts from scratch when joining another plan', () => {
    const { state } = joined();
    const other = serverPlan();
    const evs = other.run({ type: 'createPlan', name: 'Other' });
    const s = run(state, { type: 'sync/joined', payload: joinReply(evs, { planId: 'plan-2', planName: 'Other' }) });
    expect(s.planId).toBe('plan-2');
    expect(stateHash(s.confirmed)).toBe(stateHash(other.state));
  });

  it('restores saved pending commands (same ids, not acked), ignoring ones it already has', () => {
    const { state } = joined();
    const saved: PendingCommand[] = [
      { commandId: 'c1', command: { type: 'seatGuest', guestId: 'G1', tableId: 'T1' }, batchId: 'b', ackedAt: 42 },
      { commandId: 'c2', command: { type: 'seatGuest', guestId: 'G2', tableId: 'T1' }, batchId: 'b', ackedAt: null },
    ];
    let s = run(state, issued('c2', { type: 'seatGuest', guestId: 'G2', tableId: 'T1' }));
    s = run(s, { type: 'sync/restored', payload: saved });
    expect(s.pending.map((p) => [p.commandId, p.ackedAt])).toEqual([
      ['c2', null],
      ['c1', null],
    ]);
    expect(s.view.tables.T1!.guestIds).toEqual(['G2', 'G1']);
    expect(s.confirmed.tables.T1!.guestIds).toEqual([]);
  });

  it('ignores replies for unknown commands, and reports no rejection for them or for a retryable refusal', () => {
    const { state } = joined();
    expect(run(state, replied({ commandId: 'nope', status: 'accepted', version: 3 }))).toBe(state);
    expect(rejectionOf(state, replied({ commandId: 'nope', status: 'rejected', error: { code: 'TableFull', message: 'x' } }))).toBeNull();
    const s = run(state, issued('c1', { type: 'seatGuest', guestId: 'G1', tableId: 'T1' }));
    const busy = replied({ commandId: 'c1', status: 'rejected', error: { code: 'ServerBusy', message: 'busy' } });
    expect(rejectionOf(s, busy)).toBeNull();
    const after = run(s, busy);
    expect(after.pending).toBe(s.pending);
    expect(after.view).toBe(s.view);
  });

  it('says why my changes wait after a retryable refusal, until one of them lands', () => {
    const { server, state } = joined();
    let s = run(
      state,
      issued('c1', { type: 'seatGuest', guestId: 'G1', tableId: 'T1' }),
      issued('c2', { type: 'seatGuest', guestId: 'G2', tableId: 'T1' }),
    );
    expect(s.held).toBeNull();
    const full = 'The server has run out of room to save changes. Your change is kept and will be sent again automatically.';
    s = run(s, replied({ commandId: 'c1', status: 'rejected', error: { code: 'Unavailable', message: full, retryAfterMs: 30_000 } }));
    expect(s.held).toBe(full);
    expect(run(s, replied({ commandId: 'c2', status: 'rejected', error: { code: 'Unavailable', message: full } }))).toBe(s);
    expect(s.pending.map((p) => p.commandId)).toEqual(['c1', 'c2']);
    // the disk has room again: the resend lands
    const landed = server.run({ type: 'seatGuest', guestId: 'G1', tableId: 'T1' });
    s = run(s, replied({ commandId: 'c1', status: 'accepted', version: landed.at(-1)!.version }));
    expect(s.held).toBeNull();
  });

  it('removes a rejected command from the middle of the queue and re-decides the rest', () => {
    const { state } = joined();
    let s = run(
      state,
      issued('c1', { type: 'seatGuest', guestId: 'G1', tableId: 'T1' }),
      issued('c2', { type: 'seatGuest', guestId: 'G2', tableId: 'T1' }),
      issued('c3', { type: 'seatGuest', guestId: 'G3', tableId: 'T2' }),
    );
    const refused = replied({ commandId: 'c2', status: 'rejected', error: { code: 'ServerError', message: 'x' } });
    expect(rejectionOf(s, refused)).toMatchObject({ commandId: 'c2', error: { code: 'ServerError' } });
    s = run(s, refused);
    expect(s.pending.map((p) => p.commandId)).toEqual(['c1', 'c3']);
    expect(s.view.tables.T1!.guestIds).toEqual(['G1']);
    expect(s.view.tables.T2!.guestIds).toEqual(['G3']);
  });
});
