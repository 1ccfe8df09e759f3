import { entity, decide, guestLabel, partyMembers, type Command, type PlanState } from '@seatfold/domain/core';

/**
 * What is being carried: a guest (row or chip), a whole party (its handle in the guest list) or a logical table
 * (rooms view). `seen…` is what the planner saw when the drag began (see `withSeen`): the drop carries it, so a
 * change somebody else made meanwhile refuses the drop instead of being silently overridden.
 */
export type DragSource =
  | { kind: 'guest'; guestId: string; seenTableId?: string | null }
  | { kind: 'party'; party: string; seen?: { guestId: string; tableId: string | null }[] }
  | { kind: 'table'; tableId: string; seenPhysicalTableId?: string | null };

/** The source with what the plan shows right now (at pick-up): the guest's table, the party's seats, the table's place. */
export function withSeen(source: DragSource, s: PlanState): DragSource {
  switch (source.kind) {
    case 'guest': {
      const g = entity(s.guests, source.guestId);
      return g ? { ...source, seenTableId: g.tableId } : source;
    }
    case 'party':
      return { ...source, seen: partyMembers(s, source.party).map((g) => ({ guestId: g.id, tableId: g.tableId })) };
    case 'table': {
      const t = entity(s.tables, source.tableId);
      return t ? { ...source, seenPhysicalTableId: t.physicalTableId } : source;
    }
  }
}

/** The same thing carried (ignoring what was seen): a drop names its source, the store knows what was seen. */
export function sameSource(a: DragSource, b: DragSource): boolean {
  if (a.kind === 'guest' && b.kind === 'guest') return a.guestId === b.guestId;
  if (a.kind === 'party' && b.kind === 'party') return a.party === b.party;
  if (a.kind === 'table' && b.kind === 'table') return a.tableId === b.tableId;
  return false;
}

/** Guest targets (tables, chips, the guest list) take a guest or a whole party. */
export const accepted = (carried: DragSource['kind'], accepts: DragSource['kind']) =>
  carried === accepts || (accepts === 'guest' && carried === 'party');

/** Where it can be put down. */
export type DropTarget =
  | { kind: 'table'; tableId: string } // a logical table card
  | { kind: 'chip'; guestId: string } // a seated guest's chip
  | { kind: 'unseat' } // the guest list
  | { kind: 'physical'; physicalTableId: string } // a physical table in the rooms view
  | { kind: 'tray' }; // the tray of tables not placed

/**
 * The command a drop stands for, or null when the drop means "nothing to do" (a guest dropped on their own table,
 * a placed table dropped on the physical table it already stands on, an unseated guest dropped on the guest list).
 * Whether the command would succeed is not decided here: see `dropVerdict`.
 */
export function dropCommand(source: DragSource, target: DropTarget, s: PlanState): Command | null {
  if (source.kind === 'guest') {
    const g = entity(s.guests, source.guestId);
    if (!g) return null;
    // The command is the one for what the planner saw (seat an unseated guest, move a seated one); if that no
    // longer holds, decide refuses it as stale.
    const seen = source.seenTableId === undefined ? {} : { expectedTableId: source.seenTableId };
    const was = source.seenTableId === undefined ? g.tableId : source.seenTableId;
    switch (target.kind) {
      case 'table':
        if (g.tableId === target.tableId) return null;
        return was
          ? { type: 'moveGuest', guestId: g.id, tableId: target.tableId, ...seen }
          : { type: 'seatGuest', guestId: g.id, tableId: target.tableId, ...seen };
      case 'chip': {
        if (target.guestId === g.id) return null;
        const other = entity(s.guests, target.guestId);
        if (!other?.tableId) return null;
        if (g.tableId === other.tableId) return null;
        // A seated guest dropped on somebody at another table trades places with them; an unseated one just joins that table.
        if (was)
          return {
            type: 'swapGuests',
            guestId: g.id,
            otherGuestId: other.id,
            ...seen,
            ...(source.seenTableId === undefined ? {} : { expectedOtherTableId: other.tableId }),
          };
        return { type: 'seatGuest', guestId: g.id, tableId: other.tableId, ...seen };
      }
      case 'unseat':
        return g.tableId ? { type: 'unseatGuest', guestId: g.id, ...seen } : null;
      default:
        return null;
    }
  }
  if (source.kind === 'party') {
    const tableId = target.kind === 'table' ? target.tableId : target.kind === 'chip' ? (entity(s.guests, target.guestId)?.tableId ?? null) : null;
    if (!tableId) return null;
    const members = partyMembers(s, source.party);
    if (members.length > 0 && members.every((g) => g.tableId === tableId)) return null;
    return { type: 'seatParty', party: source.party, tableId, ...(source.seen ? { expected: source.seen } : {}) };
  }
  const t = entity(s.tables, source.tableId);
  if (!t) return null;
  const seen = source.seenPhysicalTableId === undefined ? {} : { expectedPhysicalTableId: source.seenPhysicalTableId };
  switch (target.kind) {
    case 'physical':
      return t.physicalTableId === target.physicalTableId
        ? null
        : { type: 'mapTable', tableId: t.id, physicalTableId: target.physicalTableId, ...seen };
    case 'tray':
      return t.physicalTableId ? { type: 'unmapTable', tableId: t.id, ...seen } : null;
    default:
      return null;
  }
}

export type Verdict = { state: 'ok'; command: Command } | { state: 'noop' } | { state: 'refused'; command: Command; code: string; reason: string };

/** Would this drop work on the current view? Used to mark targets while dragging (the reducer re-decides on drop). */
export function dropVerdict(source: DragSource, target: DropTarget, s: PlanState): Verdict {
  const command = dropCommand(source, target, s);
  if (!command) return { state: 'noop' };
  const d = decide(s, command);
  return d.ok ? { state: 'ok', command } : { state: 'refused', command, code: d.error.code, reason: d.error.message };
}

/** "Swapped Eva Klein and Anna Müller: Eva Klein now sits at table “7”, Anna Müller at table “1”." */
export function swapSentence(guestId: string, otherId: string, s: PlanState): string {
  const seat = (id: string) => {
    const g = entity(s.guests, id);
    const t = g?.tableId ? entity(s.tables, g.tableId) : undefined;
    return { name: guestLabel(s.guests, id) ?? 'the guest', at: t ? `table “${t.name}”` : 'no table' };
  };
  const [a, b] = [seat(guestId), seat(otherId)];
  return `Swapped ${a.name} and ${b.name}: ${a.name} now sits at ${a.at}, ${b.name} at ${b.at}.`;
}
