import type { Guest, GuestTextField } from '@seatfold/domain/core';
import { useCombinedRefs } from '@dnd-kit/utilities';
import { memo, useCallback, useRef, useState } from 'react';
import { selectGuestLabels } from '../app/selectors.ts';
import { useAppSelector } from '../app/store.ts';
import { useDragSource, useKeyboardDragging } from './dragdrop.tsx';
import { Icon } from './Icon.tsx';
import { PartyHandle, PartySplitMark, usePartyKey } from './Parties.tsx';
import { useOpenSetup } from '../features/setup/SetupContext.tsx';
import { InlineGuestField } from '../features/find/InlineGuestField.tsx';
import { NeedsIcons } from '../features/find/needs.tsx';
import { tableTitle } from '../app/table-title.ts';

/** The height of one guest row, in pixels (the virtualiser positions rows by it). */
export const ROW = 54;
/** The keys a guest row takes, read after its name (the row's name is its visible text). */
export const GUEST_ROW_HINT = 'guest-row-hint';

interface RowProps {
  guest: Guest;
  tableName: string | null;
  top: number;
  active: boolean;
  organiser: boolean;
  index: number;
  setSize: number;
  onActivate: (id: string) => void;
  onLocate: (tableId: string) => void;
}

export const GuestRow = memo(function GuestRow({ guest, tableName, top, active, organiser, index, setSize, onActivate, onLocate }: RowProps) {
  const [editing, setEditing] = useState<Exclude<GuestTextField, 'notes'> | null>(null);
  // While a field is edited in place, a press in it selects text instead of starting a drag.
  const label = useAppSelector((s) => selectGuestLabels(s).get(guest.id)) ?? guest.name;
  const source = useDragSource(organiser && !editing ? { kind: 'guest', guestId: guest.id } : null, label);
  const dragging = useKeyboardDragging();
  const partyKey = usePartyKey(guest);
  const carried = useAppSelector((s) => s.ui.drag?.kind === 'guest' && s.ui.drag.guestId === guest.id);
  const meta = [guest.department, guest.party].filter(Boolean).join(' · ');
  const openSetup = useOpenSetup();
  const rowRef = useRef<HTMLDivElement | null>(null);
  const keepRow = useCallback((el: HTMLDivElement | null) => void (rowRef.current = el), []);
  const ref = useCombinedRefs<HTMLDivElement | null>(source.ref, keepRow);
  const edit = (field: Exclude<GuestTextField, 'notes'>) => (e: { stopPropagation: () => void }) => {
    e.stopPropagation();
    setEditing(field);
  };
  const editor = (field: Exclude<GuestTextField, 'notes'>) =>
    editing === field && (
      <InlineGuestField
        guest={guest}
        field={field}
        onDone={() => {
          setEditing(null);
          requestAnimationFrame(() => rowRef.current?.focus({ preventScroll: true }));
        }}
      />
    );
  return (
    <div
      ref={ref}
      className="guest-row"
      data-testid="guest-row"
      data-guest-id={guest.id}
      data-table-id={guest.tableId ?? ''}
      data-carried={carried || undefined}
      role="option"
      aria-selected={active}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      aria-describedby={organiser ? GUEST_ROW_HINT : undefined}
      tabIndex={active ? 0 : -1}
      style={{ transform: `translateY(${top}px)`, height: ROW }}
      onFocus={() => onActivate(guest.id)}
      onClick={() => guest.tableId && onLocate(guest.tableId)}
      {...source.listeners}
      data-editing={editing ?? undefined}
      aria-keyshortcuts={organiser ? 'E F2 T' : undefined}
      title={organiser ? 'Double-click to edit; double-click the name (or press F2) to rename in place' : undefined}
      onDoubleClick={organiser ? () => openSetup({ kind: 'guest', guestId: guest.id }) : undefined}
      onKeyDown={(e) => {
        if (dragging()) return; // keys move the drag (see DragDropProvider)
        if (organiser && e.key === 'F2' && e.target === e.currentTarget) {
          e.preventDefault();
          setEditing('name');
          return;
        }
        if (organiser && (e.key === 'e' || e.key === 'E') && e.target === e.currentTarget && !e.ctrlKey && !e.metaKey && !e.altKey) {
          e.preventDefault();
          openSetup({ kind: 'guest', guestId: guest.id });
          return;
        }
        if (organiser && e.target === e.currentTarget && partyKey(e)) return;
        source.listeners?.onKeyDown?.(e);
      }}
    >
      {organiser && (
        <span className="grip" aria-hidden="true">
          <Icon name="grip" size={14} />
        </span>
      )}
      <div className="guest-row__main">
        <div className="guest-row__name">
          {guest.vip && <Icon name="star" size={12} className="icon vip-star" title="VIP" />}
          {editor('name') || (
            <>
              <span className="guest-row__name-text" data-testid="guest-name-text" onDoubleClick={organiser ? edit('name') : undefined}>
                {guest.name}
              </span>
              {/* a guest whose name another guest has: what tells them apart (the label is the name, then that) */}
              {label !== guest.name && (
                <span className="guest-row__tell muted" data-testid="guest-name-detail">
                  {label.slice(guest.name.length)}
                </span>
              )}
              <NeedsIcons guest={guest} />
              {guest.pinned && (
                <Icon
                  name="lock"
                  size={11}
                  className="icon pin-mark"
                  title="Pinned: automatic seating keeps their seat"
                  data-testid="guest-pinned-mark"
                />
              )}
            </>
          )}
        </div>
        <div className="guest-row__meta">
          {editor('dietary') || (
            <>
              <span className="truncate">{meta || guest.email}</span>
              {guest.dietary && (
                <span
                  className="diet-tag"
                  onDoubleClick={organiser ? edit('dietary') : undefined}
                  title={organiser ? 'Double-click to change the dietary needs' : undefined}
                >
                  {guest.dietary}
                </span>
              )}
            </>
          )}
          <PartySplitMark guest={guest} />
        </div>
      </div>
      {/* The row's right edge: where the guest sits on the name's line; the party handle and the pencil under it, so
          the name has the row's width up to the table badge (a long surname is not cut for the tools). */}
      <div className="guest-row__side">
        <span className={`table-badge${tableName ? '' : ' is-unseated'}`} title={tableName ? tableTitle(tableName) : undefined}>
          {tableName ? tableTitle(tableName) : 'Unseated'}
        </span>
        {organiser && (
          <div className="guest-row__tools">
            <PartyHandle guest={guest} />
            {/* The mouse's way into the guest's form (keyboard: E; screen readers hear it in the row's description). Not
                a button: a control inside a listbox option would be a second focus stop in every one of 1,500 rows. */}
            <span
              className="guest-row__edit"
              aria-hidden="true"
              data-testid="guest-row-edit"
              title={`Edit ${guest.name}`}
              onClick={(e) => {
                e.stopPropagation();
                openSetup({ kind: 'guest', guestId: guest.id });
              }}
              onPointerDown={(e) => e.stopPropagation()}
            >
              <Icon name="pencil" size={13} />
            </span>
          </div>
        )}
      </div>
    </div>
  );
});
