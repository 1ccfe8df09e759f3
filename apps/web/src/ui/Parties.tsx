import { createSelector } from '@reduxjs/toolkit';
import { entity, partyKey, partyTitle, type Guest, type PartyInfo, type PlanState } from '@seatfold/domain/core';
import { selectPartySizes, selectSplitParties } from '../app/parties.ts';
import { selectDisplayed } from '../app/selectors.ts';
import { useAppSelector } from '../app/store.ts';
import type { RootState } from '../app/store.ts';
import type { KeyboardEvent } from 'react';
import { useDragSource } from './dragdrop.tsx';
import { Icon } from './Icon.tsx';
import './parties.css';

const guests = (n: number) => `${n} guest${n === 1 ? '' : 's'}`;

/**
 * The handle that carries a guest's whole party by mouse: drag it onto a table (or a guest seated there). It is
 * hidden from assistive technology and out of the Tab order (a control inside a list option would be nested
 * interactive); the keyboard path is P on the guest's row (usePartyKey), then Enter on a table. All members are
 * seated in one step, or none (with the reason).
 */
export function PartyHandle({ guest }: { guest: Guest }) {
  const size = useAppSelector((s) => selectPartySizes(s).get(partyKey(guest.party)) ?? 0);
  const title = partyTitle(guest.party);
  const source = useDragSource(size > 1 ? { kind: 'party', party: guest.party.trim() } : null, `${title} (${guests(size)})`);
  if (size < 2) return null;
  return (
    <span
      ref={source.ref}
      className="party-handle"
      data-testid="party-handle"
      data-party={partyKey(guest.party)}
      aria-hidden="true"
      title={`Drag to seat ${title} (${guests(size)}) at one table (keyboard: P on the guest, then Enter on a table)`}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
      {...source.listeners}
    >
      <Icon name="grip" size={11} />
      {size}
    </span>
  );
}

/**
 * P on a guest's row picks up the guest's whole party (when it has two or more members); true when it did. It is
 * Space on the row's party handle: the handle is the party's one drag source, for the keyboard sensor as for the mouse.
 */
export function usePartyKey(guest: Guest): (e: KeyboardEvent<HTMLElement>) => boolean {
  const size = useAppSelector((s) => selectPartySizes(s).get(partyKey(guest.party)) ?? 0);
  return (e) => {
    if (size < 2 || (e.key !== 'p' && e.key !== 'P') || e.ctrlKey || e.metaKey || e.altKey) return false;
    const handle = e.currentTarget.querySelector('[data-testid="party-handle"]');
    if (!handle) return false;
    e.preventDefault();
    handle.dispatchEvent(new globalThis.KeyboardEvent('keydown', { key: ' ', code: 'Space', bubbles: true }));
    return true;
  };
}

function splitSentence(p: PartyInfo, s: PlanState): string {
  const where = p.tableIds.map((id) => `“${entity(s.tables, id)?.name ?? '?'}”`).join(', ');
  const unseated = p.unseated ? `; ${p.unseated} not seated` : '';
  return `${partyTitle(p.party)} (${guests(p.guestIds.length)}) is split across ${p.tableIds.length} tables: ${where}${unseated}`;
}

// The selectors below return strings, so a row or card re-renders only when its own warning changes.
const rowWarning = (s: RootState, party: string): string | null => {
  const p = party.trim() ? selectSplitParties(s).byParty.get(partyKey(party)) : undefined;
  return p ? splitSentence(p, selectDisplayed(s)) : null;
};
/** Every table card's warning at once, made again only when the split parties or the plan on display change (each
 *  card reading its own would build every sentence once per card and store update). */
const selectCardWarnings = createSelector(
  [selectSplitParties, selectDisplayed],
  ({ byTable }, state): Map<string, { text: string; short: string }> => {
    const out = new Map<string, { text: string; short: string }>();
    for (const [tableId, parties] of byTable) {
      if (!parties.length) continue;
      const text = parties
        .map((p) => `${splitSentence(p, state)} (${p.guestIds.filter((id) => entity(state.guests, id)?.tableId === tableId).length} here)`)
        .join('. ');
      out.set(tableId, { text, short: parties.length === 1 ? `${parties[0]!.party} split` : `${parties.length} parties split` });
    }
    return out;
  },
);

/** In the guest list: a warning on a guest whose party sits at more than one table. */
export function PartySplitMark({ guest }: { guest: Guest }) {
  const text = useAppSelector((s) => rowWarning(s, guest.party));
  if (!text) return null;
  return (
    <span className="warn party-split" data-testid="party-split" role="img" aria-label={text} title={text}>
      <Icon name="alert" size={11} />
      split
    </span>
  );
}

/** On a table card: a warning when some of a party sits here and the rest elsewhere. */
export function PartySplitBadge({ tableId }: { tableId: string }) {
  const text = useAppSelector((s) => selectCardWarnings(s).get(tableId)?.text ?? null);
  const short = useAppSelector((s) => selectCardWarnings(s).get(tableId)?.short ?? null);
  if (!text) return null;
  return (
    <span className="warn party-split" data-testid="party-split" role="img" aria-label={text} title={text}>
      <Icon name="alert" size={11} />
      {short}
    </span>
  );
}
