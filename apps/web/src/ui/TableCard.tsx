import { entity, seatLimit, type Guest, type LogicalTable, type PhysicalTable } from '@seatfold/domain/core';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import { shallowEqual } from 'react-redux';
import type { Verdict } from '../app/dnd.ts';
import { selectAccessChecked, selectDisplayed, selectGuestLabels, selectPendingTableIds, selectVerdictFor } from '../app/selectors.ts';
import { useAppSelector, useAppStore, type RootState } from '../app/store.ts';
import { useCombinedRefs } from '@dnd-kit/utilities';
import { useChipOver, useDelegatedDragSource, useDropTarget, useIssue, useKeyboardDragging } from './dragdrop.tsx';
import { Icon } from './Icon.tsx';
import { PartySplitBadge } from './Parties.tsx';
import { useOpenSetup } from '../features/setup/SetupContext.tsx';
import { useBoardMatch, type ChipMatch } from '../features/find/useBoardMatch.ts';
import { NeedsIcons, needsText, needsTitle } from '../features/find/needs.tsx';
import { tableTitle } from '../app/table-title.ts';

export function refusalLabel(v: Verdict | null): string | null {
  if (!v || v.state !== 'refused') return null;
  switch (v.code) {
    case 'TableLocked':
      return 'Locked';
    case 'TableFull':
      return 'Full';
    case 'PhysicalTableTaken':
      return 'Taken';
    case 'CapacityTooSmall':
      return 'Too small';
    default:
      return 'Not possible';
  }
}

/** The id of the one hidden text (TablesView) that tells a screen reader how to move between table cards and into one. */
export const TABLE_CARD_HINT = 'table-card-hint';

/** Restarts a CSS animation when `key` changes (the rollback flash). */
export function useFlash(id: string) {
  const key = useAppSelector((s: RootState) => (s.ui.flash.ids.includes(id) ? s.ui.flash.key : 0));
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!key || !el) return;
    el.classList.remove('flash');
    void el.offsetWidth; // restart the animation
    el.classList.add('flash');
    const t = setTimeout(() => el.classList.remove('flash'), 1600);
    return () => clearTimeout(t);
  }, [key]);
  return ref;
}

interface CardProps {
  table: LogicalTable;
  /** the physical table it stands on (the state's own object, so memo holds) */
  physical: PhysicalTable | null;
  organiser: boolean;
  /** whether this card is the grid's one stop in the Tab order (a roving tab stop; arrows move between cards) */
  active?: boolean;
}

/**
 * One logical table. Memoised on the table object: immer keeps unchanged tables identical between states,
 * so a guest move re-renders only the two cards involved. Its chips are plain elements: the card handles their
 * dragging, dropping and keys by delegation, so 1,500 chips cost no hooks or store subscriptions.
 */
export const TableCard = memo(function TableCard({ table, physical, organiser, active = true }: CardProps) {
  const guests = useAppSelector((s) => table.guestIds.map((id) => entity(selectDisplayed(s).guests, id)), shallowEqual);
  // How each chip names its guest (told apart from a guest of the same name anywhere in the plan): strings, so a
  // change elsewhere re-renders this card only when one of its labels changed.
  const labels = useAppSelector((s) => table.guestIds.map((id) => selectGuestLabels(s).get(id) ?? ''), shallowEqual);
  const verdict = useAppSelector((s) => selectVerdictFor(s, `t:${table.id}`));
  const pending = useAppSelector((s) => selectPendingTableIds(s).has(table.id));
  // Nothing saves while the connection is down: the card says its change waits, not that it is being saved.
  const waiting = useAppSelector((s) => s.session.status !== 'live');
  const carriedHere = useAppSelector((s) => (s.ui.drag?.kind === 'guest' && table.guestIds.includes(s.ui.drag.guestId) ? s.ui.drag.guestId : null));
  const { ref: dropRef, over } = useDropTarget(organiser ? { kind: 'table', tableId: table.id } : null, 'guest');
  const overChip = useChipOver(table.guestIds);
  const startDrag = useDelegatedDragSource(!organiser);
  const dragging = useKeyboardDragging();
  const store = useAppStore();
  const issue = useIssue();
  const flashRef = useFlash(table.id);
  const keepFlash = useCallback((el: HTMLElement | null) => void (flashRef.current = el), [flashRef]);
  const ref = useCombinedRefs<HTMLElement | null>(dropRef, keepFlash);
  const openSetup = useOpenSetup();
  const match = useBoardMatch(table);
  // Roving tab stop among the chips: one chip is in the Tab order, arrows move within the card.
  const [chipId, setChipId] = useState<string | null>(null);
  const tabChip = chipId && table.guestIds.includes(chipId) ? chipId : (table.guestIds[0] ?? null);

  const seated = table.guestIds.length;
  // On a smaller physical table, the seats that exist are the physical table's: the card counts those.
  const limit = seatLimit(table, physical?.capacity);
  const full = seated >= limit;
  const refusal = refusalLabel(verdict);
  const dropState = verdict ? verdict.state : undefined;
  const fill = Math.min(1, seated / Math.max(1, table.capacity));

  // Accessibility is a constraint once any physical table is marked accessible: then a guest with needs at an unmarked table is flagged.
  const accessChecked = useAppSelector(selectAccessChecked);
  const accessible = !!physical?.accessible;
  const label = `${tableTitle(table.name)}${table.vip ? ', VIP' : ''}${accessible ? ', accessible' : ''}, ${seated} of ${limit} seats taken${limit < table.capacity ? ` (a table of ${table.capacity} on ${physical!.label}, which seats ${limit})` : physical ? `, on ${physical.label}` : ', not placed'}${table.locked ? ', locked' : ''}${pending ? (waiting ? ', a change not saved yet' : ', saving a change') : ''}`;

  const delegated = useMemo(() => {
    if (!organiser) return {};
    const chipOf = (e: { target: EventTarget }) => (e.target as HTMLElement).closest<HTMLElement>('[data-testid="seated-guest"]');
    const start = (e: SyntheticEvent, via: 'onPointerDown' | 'onTouchStart' | 'onKeyDown') => {
      const chip = chipOf(e);
      const guestId = chip?.dataset.guestId;
      if (!chip || !guestId) return;
      startDrag(e, chip, { kind: 'guest', guestId }, selectGuestLabels(store.getState()).get(guestId) ?? 'Guest', via);
    };
    return {
      onPointerDown: (e: SyntheticEvent) => start(e, 'onPointerDown'),
      onTouchStart: (e: SyntheticEvent) => start(e, 'onTouchStart'),
      onFocus(e: { target: EventTarget }) {
        const guestId = chipOf(e)?.dataset.guestId;
        if (guestId) setChipId(guestId);
      },
      onKeyDown(e: KeyboardEvent<HTMLElement>) {
        // During a keyboard drag the keys move and drop it (DragDropProvider); a chip then is a place to drop on.
        if (dragging() || e.target === e.currentTarget) return;
        if (moveBetweenChips(e)) return;
        if (e.key === ' ' || e.key === 'Enter') start(e, 'onKeyDown');
      },
    };
  }, [organiser, startDrag, dragging, store]);

  return (
    <article
      ref={ref}
      className="table-card"
      data-testid="table-card"
      data-table-id={table.id}
      data-locked={table.locked}
      data-full={full}
      data-pending={pending || undefined}
      data-drop={dropState}
      data-over={over || undefined}
      data-match={match.card}
      tabIndex={active ? 0 : -1}
      aria-label={label}
      aria-describedby={TABLE_CARD_HINT}
      aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown Home End"
      title={verdict?.state === 'refused' ? verdict.reason : undefined}
      {...delegated}
    >
      <header className="table-card__head">
        <h3 className="table-card__name">
          {table.vip && <Icon name="star" size={13} className="icon vip-star" title="VIP table" />}
          {accessible && <Icon name="access" size={13} className="icon need--access" title="Accessible table" data-testid="table-accessible-mark" />}
          <span title={table.name}>{table.name}</span>
        </h3>
        <span className="seat-count" data-testid="seat-count" aria-hidden="true">
          {seated}/{limit}
        </span>
        {organiser && (
          <button
            type="button"
            className="icon-button"
            data-testid="edit-table"
            tabIndex={active ? undefined : -1}
            aria-label={`Edit table ${table.name}`}
            title="Rename, resize, VIP, lock or remove"
            onClick={() => openSetup({ kind: 'table', tableId: table.id })}
          >
            <Icon name="pencil" size={14} />
          </button>
        )}
        {organiser ? (
          <button
            type="button"
            className="icon-button lock-toggle"
            data-testid="lock-toggle"
            tabIndex={active ? undefined : -1}
            // A toggle: one name, and whether it is pressed ("Unlock table 3, pressed" said the opposite of itself).
            aria-pressed={table.locked}
            aria-label={`Lock table ${table.name}`}
            title={table.locked ? 'Locked — click to unlock' : 'Lock this table'}
            onClick={() => issue({ type: table.locked ? 'unlockTable' : 'lockTable', tableId: table.id })}
          >
            <Icon name={table.locked ? 'lock' : 'unlock'} size={15} />
          </button>
        ) : (
          table.locked && <Icon name="lock" size={14} className="icon lock-mark" title="Locked" />
        )}
      </header>
      <div className="table-card__meta">
        <span className="physical-label" data-testid="physical-label">
          {physical ? physical.label : 'Not placed'}
        </span>
        {physical && physical.capacity < table.capacity && (
          <span className="warn" title={`A table of ${table.capacity} on ${physical.label}, which seats only ${physical.capacity}`}>
            of {table.capacity}
          </span>
        )}
        <PartySplitBadge tableId={table.id} />
        {pending && (
          <span className="saving" data-testid="saving" data-waiting={waiting || undefined}>
            {waiting ? 'not saved yet' : 'saving…'}
          </span>
        )}
        {refusal && <span className="refusal">{refusal}</span>}
      </div>
      <div className={`capacity-bar${full ? ' is-full' : ''}`} aria-hidden="true">
        <span style={{ width: `${fill * 100}%` }} />
      </div>
      {guests.length > 0 ? (
        <ul className="chips" aria-label={`Seated at table ${table.name}`}>
          {guests.map((g, i) =>
            g ? (
              <GuestChip
                key={g.id}
                guest={g}
                label={labels[i] || g.name}
                tableName={table.name}
                organiser={organiser}
                tabbable={active && tabChip === g.id}
                carried={carriedHere === g.id}
                over={overChip === g.id && carriedHere !== g.id}
                match={match.chip(g.id)}
                accessMismatch={accessChecked && !accessible && !!g.accessibility.trim()}
              />
            ) : null,
          )}
        </ul>
      ) : (
        <p className="table-card__empty">
          {!organiser ? 'Nobody seated' : table.locked ? 'Nobody seated: unlock it to seat guests here' : 'Drop guests here'}
        </p>
      )}
    </article>
  );
});

interface ChipProps {
  guest: Guest;
  /** the guest's name, told apart from a guest of the same name (guestLabel) */
  label: string;
  tableName: string;
  organiser: boolean;
  /** the card's one chip in the Tab order */
  tabbable: boolean;
  carried: boolean;
  over: boolean;
  /** marked by the current find: a hit, dimmed, or (not finding) neither */
  match?: ChipMatch;
  /** the guest needs an accessible table and this one is not marked so (only once any table is marked) */
  accessMismatch?: boolean;
}

const GuestChip = memo(function GuestChip({ guest, label, tableName, organiser, tabbable, carried, over, match, accessMismatch }: ChipProps) {
  const details = [guest.department, guest.party].filter(Boolean).join(' · ');
  const needs = needsTitle(guest);
  return (
    <li>
      <span
        className="chip"
        data-testid="seated-guest"
        data-guest-id={guest.id}
        data-vip={guest.vip || undefined}
        data-carried={carried || undefined}
        data-over={over || undefined}
        data-match={match}
        tabIndex={organiser ? (tabbable ? 0 : -1) : undefined}
        role={organiser ? 'button' : undefined}
        aria-label={
          organiser
            ? `${label}${guest.vip ? ', VIP' : ''}${guest.pinned ? ', pinned' : ''}, at table ${tableName}${needsText(guest)}${accessMismatch ? ', this table is not marked accessible' : ''}. Space to pick up.`
            : undefined
        }
        title={`${details ? `${label} — ${details}` : label}${needs ? `\n${needs}` : ''}`}
      >
        {guest.vip && <Icon name="star" size={10} className="icon vip-star" />}
        {/* A card is read at a glance: the chip shows the name; what tells a namesake apart is in its tooltip and
            its name for screen readers (a demo card of ten could otherwise carry ten e-mail addresses). */}
        <span className="chip__name">{guest.name}</span>
        {label !== guest.name && <span className="visually-hidden">{label.slice(guest.name.length)}</span>}
        <NeedsIcons guest={guest} size={11} />
        {accessMismatch && (
          <Icon
            name="alert"
            size={11}
            className="icon need--mismatch"
            title="Needs an accessible table; this one is not marked accessible"
            data-testid="need-access-mismatch"
          />
        )}
        {guest.pinned && (
          <Icon name="lock" size={10} className="icon pin-mark" title="Pinned: automatic seating keeps their seat" data-testid="guest-pinned-mark" />
        )}
      </span>
    </li>
  );
});

/** Arrow keys, Home and End on a seated guest's chip move focus to another chip of the same card. */
function moveBetweenChips(e: KeyboardEvent<HTMLElement>): boolean {
  const keys: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -Infinity, End: Infinity };
  if (!(e.key in keys) || e.altKey || e.ctrlKey || e.metaKey) return false;
  const chip = (e.target as HTMLElement).closest<HTMLElement>('[data-testid="seated-guest"]');
  if (!chip) return false;
  const chips = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('[data-testid="seated-guest"]'));
  const i = chips.indexOf(chip);
  const next = chips[Math.max(0, Math.min(chips.length - 1, i + keys[e.key]!))];
  e.preventDefault();
  e.stopPropagation();
  next?.focus();
  return true;
}
