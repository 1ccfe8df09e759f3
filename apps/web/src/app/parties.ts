import { createSelector, isAnyOf, type TypedStartListening } from '@reduxjs/toolkit';
import {
  changedBy,
  guestLabel,
  partyKey,
  splitParties,
  staleFact,
  staleMessage,
  type EntityKey,
  type PartyInfo,
  type PlanState,
} from '@seatfold/domain/core';
import type { Rejection, WireEvent } from '@seatfold/sync';
import type { ActorMeta } from './actors.ts';
import { onGuestFields } from './guest-fields.ts';
import { selectDisplayed } from './history.ts';
import { sessionActions } from './session.ts';
import { syncEvents, syncJoined } from './sync-actions.ts';
import type { StoreExtra } from './extra.ts';
import type { AppDispatch, RootState } from './store.ts';

// ---------------------------------------------------------------- split parties

export interface SplitParties {
  /** by party key */
  byParty: Map<string, PartyInfo>;
  /** by table id: the split parties that have members at that table */
  byTable: Map<string, PartyInfo[]>;
}

/** Parties whose seated members sit at two or more tables, in the state on display. Recomputed when a guest changes. */
export const selectSplitParties = createSelector([(s: RootState) => selectDisplayed(s).guests], (guests): SplitParties => {
  const byParty = splitParties({ guests });
  const byTable = new Map<string, PartyInfo[]>();
  for (const p of byParty.values()) {
    for (const t of p.tableIds) {
      const list = byTable.get(t);
      if (list) list.push(p);
      else byTable.set(t, [p]);
    }
  }
  return { byParty, byTable };
});

/** How many guests each party has (by party key), for the party handles. */
export const selectPartySizes = createSelector(
  [(s: RootState) => selectDisplayed(s).guests],
  onGuestFields(['party'], (guests): Map<string, number> => {
    const out = new Map<string, number>();
    for (const g of Object.values(guests)) {
      const key = partyKey(g.party);
      if (key) out.set(key, (out.get(key) ?? 0) + 1);
    }
    return out;
  }),
);

// ---------------------------------------------------------------- who changed what last (for stale drops)

/** The actor of the latest confirmed event that changed each entity of the open plan (outside Redux: it is only read
 *  when a stale drop is explained). Events before a snapshot join are not seen: then the message names nobody. */
let lastActor = new Map<EntityKey, ActorMeta>();

/** Who locked each locked table, as far as this session saw it happen. */
let lockers = new Map<string, ActorMeta>();

/** The names of the tables removed while this page was open, for a refusal that names a table no longer there. */
let removedNames = new Map<string, string>();

/** Who last seated a guest at each table (seated or moved there), which guest, and when this page learnt of it. */
let fillers = new Map<string, ActorMeta & { guestId: string; seen: number }>();

function record(events: readonly WireEvent[]) {
  for (const e of events) {
    const who = { actor: e.meta.actor, actorId: e.meta.actorId };
    for (const key of changedBy(e.event)) lastActor.set(key, who);
    if (e.event.type === 'TableLocked') lockers.set(e.event.tableId, who);
    else if (e.event.type === 'TableUnlocked' || e.event.type === 'TableRemoved') lockers.delete(e.event.tableId);
    if (e.event.type === 'GuestSeated') fillers.set(e.event.tableId, { ...who, guestId: e.event.guestId, seen: Date.now() });
    else if (e.event.type === 'GuestMoved') fillers.set(e.event.toTableId, { ...who, guestId: e.event.guestId, seen: Date.now() });
    else if (e.event.type === 'TableRemoved') {
      fillers.delete(e.event.tableId);
      // read as a stored event may be (stored.ts): an odd `previous` names no table rather than throwing
      const name = (e.event.previous as { name?: unknown } | null | undefined)?.name;
      if (typeof name === 'string') removedNames.set(e.event.tableId, name);
    }
  }
}

/** Who last changed what, learnt from the events as they arrive (a new plan starts with nobody). */
export function actorsListeners(on: TypedStartListening<RootState, AppDispatch, StoreExtra>) {
  on({
    matcher: isAnyOf(sessionActions.opened, sessionActions.closed),
    effect: () => {
      lastActor = new Map();
      lockers = new Map();
      fillers = new Map();
      removedNames = new Map();
    },
  });
  on({ matcher: syncEvents, effect: (a) => record(a.payload) });
  on({ matcher: syncJoined, effect: (a) => record(a.payload.events) });
}

// ---------------------------------------------------------------- moves chosen in the menu of tables

/**
 * Commands issued from a guest's menu of tables (T, or a tap on the guest), not by a drop. Kept in the browser too (the
 * latest `MENU_KEPT`), as the commands themselves are: a move made offline and refused after a reload, or sent by the
 * next page once its tab was closed, still says to choose again in the menu.
 */
const MENU_KEY = 'seatfold:menuMoves';
const MENU_KEPT = 200;
const browserStorage = (): Pick<Storage, 'getItem' | 'setItem'> | null => (typeof localStorage === 'undefined' ? null : localStorage);
const fromMenu = new Set<string>();
function storedMenuMoves(): string[] {
  try {
    const parsed: unknown = JSON.parse(browserStorage()?.getItem(MENU_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return []; // storage disabled, or what it holds is not ours
  }
}
export function chosenInMenu(commandId: string): void {
  for (const id of storedMenuMoves()) fromMenu.add(id); // other tabs' too: one list for the browser
  fromMenu.add(commandId);
  for (const id of fromMenu) {
    if (fromMenu.size <= MENU_KEPT) break;
    fromMenu.delete(id); // the oldest first
  }
  try {
    browserStorage()?.setItem(MENU_KEY, JSON.stringify([...fromMenu]));
  } catch {
    // storage full or disabled: this page still says it
  }
}
const wasChosenInMenu = (commandId: string): boolean => fromMenu.has(commandId) || storedMenuMoves().includes(commandId);

/**
 * A refusal in the words of what the planner did: a move chosen in the menu of tables and refused as stale was no
 * drop, so it does not say "drop again" but where to choose again ("… — choose again in their menu of tables (T) if
 * you still want to move them."). Any other refusal is returned as it is.
 */
export function inPlannersWords(r: Pick<Rejection, 'commandId' | 'error'>, text: string): string {
  if (r.error.code !== 'Stale' || !wasChosenInMenu(r.commandId)) return text;
  return text.replace(/\bdrop again if you still want to\b/, 'choose again in their menu of tables (T) if you still want to');
}

/**
 * A stale drop explained with who made the change ("Bob just seated Lena Vogel at table “9” — drop again …"), or
 * null to keep the plan's own message (not stale, changed back since, or the actor is not known).
 */
export function staleText(r: Pick<Rejection, 'command' | 'error'>, view: PlanState, me: { id: string | null; name: string }): string | null {
  if (r.error.code !== 'Stale') return null;
  const fact = staleFact(view, r.command);
  const actor = fact ? lastActor.get(fact.entity) : undefined;
  if (!fact || !actor) return null;
  return staleMessage(fact, isMine(actor, me) ? 'You (in another window)' : actor.actor);
}

/**
 * A refusal because a table is locked, with who locked it when somebody else did while this page was open ("Table
 * “24” is locked: unlock it before you seat Ann there. Bea locked it."), or null to keep the plan's own message.
 */
export function lockedText(r: Pick<Rejection, 'command' | 'error'>, me: { id: string | null; name: string }): string | null {
  const tableId = tableOf(r);
  const locker = r.error.code === 'TableLocked' && tableId ? lockers.get(tableId) : undefined;
  if (!locker || isMine(locker, me)) return null;
  return `${reasonOf(r)}. ${locker.actor} locked it.`;
}

/**
 * A refusal because the table is full, when somebody else took its last seat within the half minute before ("Table
 * “9” is full (8 of 8 seats taken). Bea just seated Carla Costa there."), or null to keep the plan's own message:
 * also when the planner filled it, or the table has been full for longer (then it was there to see).
 */
export function fullText(r: Pick<Rejection, 'command' | 'error' | 'at'>, view: PlanState, me: { id: string | null; name: string }): string | null {
  const tableId = tableOf(r);
  const filler = r.error.code === 'TableFull' && tableId ? fillers.get(tableId) : undefined;
  if (!filler || isMine(filler, me) || r.at - filler.seen > JUST_MS) return null;
  return `${reasonOf(r)}. ${filler.actor} just seated ${guestLabel(view.guests, filler.guestId) ?? 'a guest'} there.`;
}

/**
 * A refusal because the table is gone, with who removed it when somebody else did while this page was open ("Bea
 * removed table “133” meanwhile."), or null to keep the plan's own message.
 */
export function goneText(r: Pick<Rejection, 'command' | 'error'>, me: { id: string | null; name: string }): string | null {
  const tableId = tableOf(r);
  if (r.error.code !== 'UnknownTable' || !tableId) return null;
  const by = lastActor.get(`table:${tableId}`);
  const name = removedNames.get(tableId);
  if (!by || name === undefined || isMine(by, me)) return null;
  return `${by.actor} removed table “${name}” meanwhile.`;
}

/** How long ago a change is "just" made: about as long as a drag or a look at the menu of tables takes. */
const JUST_MS = 30_000;

/** The table a refused command names, if it names one. */
const tableOf = (r: Pick<Rejection, 'command'>): string | undefined => ('tableId' in r.command ? r.command.tableId : undefined);

/** The plan's own reason, as the start of a longer sentence (its full stop taken off). */
const reasonOf = (r: Pick<Rejection, 'error'>): string => r.error.message.trim().replace(/\.$/, '');

/** Mine by id (by name only for a legacy change recorded without one). */
const isMine = (a: ActorMeta, me: { id: string | null; name: string }) => (a.actorId !== null ? a.actorId === me.id : a.actor === me.name);

/**
 * The latest confirmed change of an entity as this client learnt it: a new object for every event, so a caller can
 * tell whether it changed since it looked. Undefined when no event of this session changed it.
 */
export const lastChange = (key: EntityKey): ActorMeta | undefined => lastActor.get(key);

/** Who made a change, to be named in a sentence: null when it was mine. */
export const otherActor = (a: ActorMeta, me: { id: string | null; name: string }): string | null => (isMine(a, me) ? null : a.actor);
