import type { EventType, PlanEvent } from './events.ts';
import { changedBy } from './targets.ts';

/** Events that take an entity away: the steps on the way (unseating a guest who is then removed) are not counted. */
const REMOVALS: ReadonlySet<EventType> = new Set([
  'GuestRemoved',
  'TableRemoved',
  'PhysicalTableRemoved',
  'RoomRemoved',
  'FixtureRemoved',
  'SeatingRuleRemoved',
]);

/** How an effect is worded: what it will do ("remove 500 physical tables") or what it did ("removed …"). */
export type Tense = 'will' | 'did';

/** [infinitive, past, singular noun, plural noun]: "take" 2 "tables off their physical tables". */
type Words = readonly [will: string, did: string, one: string, many: string];

const guests = (will: string, did: string): Words => [will, did, 'guest', 'guests'];
const tables = (will: string, did: string): Words => [will, did, 'table', 'tables'];
const physical = (will: string, did: string): Words => [will, did, 'physical table', 'physical tables'];
const rooms = (will: string, did: string): Words => [will, did, 'room', 'rooms'];
const fixtures = (will: string, did: string): Words => [will, did, 'fixture', 'fixtures'];
const rules = (will: string, did: string): Words => [will, did, 'seating rule', 'seating rules'];

/**
 * One entry per event type (a new type must be worded here: the record is exhaustive). Keys beyond the event types
 * split a type whose events do opposite things (a pin and an unpin).
 */
const WORDS: Record<EventType, Words> & Record<string, Words> = {
  PlanCreated: ['create', 'created', 'plan', 'plans'],
  PlanRenamed: ['rename', 'renamed', 'plan', 'plans'],
  RoomAdded: rooms('add', 'added'),
  RoomRenamed: rooms('rename', 'renamed'),
  RoomRemoved: rooms('remove', 'removed'),
  PhysicalTableAdded: physical('add', 'added'),
  PhysicalTableEdited: physical('change', 'changed'),
  PhysicalTableRemoved: physical('remove', 'removed'),
  TableAdded: tables('add', 'added'),
  TableEdited: tables('change', 'changed'),
  TableRemoved: tables('remove', 'removed'),
  TableMapped: tables('place', 'placed'),
  // in the words the timeline tells each one ("took table 12 off G-11"), not the command's ("unmap")
  TableUnmapped: ['take', 'took', 'table off its physical table', 'tables off their physical tables'],
  TableLocked: tables('lock', 'locked'),
  TableUnlocked: tables('unlock', 'unlocked'),
  GuestAdded: guests('add', 'added'),
  GuestEdited: guests('change', 'changed'),
  GuestRemoved: guests('remove', 'removed'),
  GuestSeated: guests('seat', 'seated'),
  GuestMoved: guests('move', 'moved'),
  GuestsSwapped: ['swap', 'swapped', 'pair of guests', 'pairs of guests'],
  GuestUnseated: guests('unseat', 'unseated'),
  SeatingRuleAdded: rules('add', 'added'),
  SeatingRuleRemoved: rules('remove', 'removed'),
  GuestPinned: guests('pin', 'pinned'),
  GuestUnpinned: guests('unpin', 'unpinned'),
  PhysicalTableAccessibilityMarked: ['mark', 'marked', 'physical table as accessible', 'physical tables as accessible'],
  PhysicalTableAccessibilityUnmarked: ['mark', 'marked', 'physical table as not accessible', 'physical tables as not accessible'],
  DepartmentSeatingSet: ['change', 'changed', 'automatic seating setting', 'automatic seating settings'],
  RoomSized: rooms('resize', 'resized'),
  RoomBackgroundSet: ['change', 'changed', 'room background', 'room backgrounds'],
  PhysicalTableShaped: physical('reshape', 'reshaped'),
  FloorArranged: ['move', 'moved', 'item on the floor plan', 'items on the floor plan'],
  FixtureAdded: fixtures('add', 'added'),
  FixtureEdited: fixtures('change', 'changed'),
  FixtureRemoved: fixtures('remove', 'removed'),
  SeatsOrdered: ['reorder the seats at', 'reordered the seats at', 'table', 'tables'],
};

/** Which entry of WORDS an event counts under, and how many of its noun it counts (a floor drop moves several items). */
function countOf(e: PlanEvent): [key: string, n: number] {
  switch (e.type) {
    case 'GuestPinned':
      return [e.pinned ? 'GuestPinned' : 'GuestUnpinned', 1];
    case 'PhysicalTableAccessibilityMarked':
      return [e.accessible ? e.type : 'PhysicalTableAccessibilityUnmarked', 1];
    case 'FloorArranged':
      return [e.type, e.moves.length];
    default:
      return [e.type, 1];
  }
}

/**
 * What a list of events does, in counted phrases, most frequent first: ["remove 500 physical tables", "unseat 12
 * guests"]. For a revert's preview (`will`) and its batch's summary (`did`): a planner reads what the
 * revert changes instead of a count of "changes".
 */
export function describeEffects(events: readonly PlanEvent[], tense: Tense): string[] {
  // What is removed is not also counted as unseated, moved or unmapped first: "remove 4 guests", not "remove 4
  // guests and unseat 3 guests" when the three are among the four. (An event counts under the first entity it
  // changes: a table unmapped from a removed physical table is still unmapped.)
  const removed = new Set<string>();
  for (const e of events) if (REMOVALS.has(e.type)) for (const k of changedBy(e)) removed.add(k);
  const counts = new Map<string, number>();
  for (const e of events) {
    if (removed.size > 0 && !REMOVALS.has(e.type) && removed.has(changedBy(e)[0] ?? '')) continue;
    const [key, n] = countOf(e);
    counts.set(key, (counts.get(key) ?? 0) + n);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => {
      const [will, did, one, many] = WORDS[key]!;
      return `${tense === 'will' ? will : did} ${n} ${n === 1 ? one : many}`;
    });
}
