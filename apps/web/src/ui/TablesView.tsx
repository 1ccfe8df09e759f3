import { memo, startTransition, useCallback, useEffect, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { entity } from '@seatfold/domain/core';
import { selectDisplayed, selectRoomGroups } from '../app/selectors.ts';
import { useAppSelector } from '../app/store.ts';
import { TABLE_CARD_HINT, TableCard } from './TableCard.tsx';
import { useKeyboardDragging } from './dragdrop.tsx';
import { SetupStart } from '../features/setup/SetupContext.tsx';
import { FindStatus } from '../features/find/FindStatus.tsx';

/** Arrow keys move between focusable cards: left/right in reading order, up/down to the nearest card in the next row. */
export function moveFocusBetweenCards(e: KeyboardEvent<HTMLElement>, selector: string) {
  const keys = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'];
  if (!keys.includes(e.key)) return;
  const current = e.target as HTMLElement;
  if (!current.matches(selector)) return;
  const cards = Array.from(e.currentTarget.querySelectorAll<HTMLElement>(selector));
  const i = cards.indexOf(current);
  if (i < 0) return;
  let next: HTMLElement | undefined;
  if (e.key === 'ArrowRight') next = cards[i + 1];
  else if (e.key === 'ArrowLeft') next = cards[i - 1];
  else if (e.key === 'Home') next = cards[0];
  else if (e.key === 'End') next = cards[cards.length - 1];
  else {
    const here = current.getBoundingClientRect();
    const down = e.key === 'ArrowDown';
    let best = Infinity;
    for (const c of cards) {
      const r = c.getBoundingClientRect();
      const dy = down ? r.top - here.bottom : here.top - r.bottom;
      if (dy < -1) continue;
      const score = dy * 4 + Math.abs(r.left - here.left);
      if (score < best) {
        best = score;
        next = c;
      }
    }
  }
  if (next) {
    e.preventDefault();
    next.focus();
    next.scrollIntoView({ block: 'nearest' });
  }
}

/**
 * Cards rendered in the first frame, the rest follow in a transition right after it is painted: as many as the
 * window can show (a rough upper bound from board.css: cards ≥ 232 px wide with 12 px gaps, ≥ 195 px tall, beside
 * the 340 px guest panel and the board's 20 px padding unless the screen is narrow), at least 4, at most 24. At
 * 1280 × 720 that is 12 of the 24 before: the first frame's style and layout, most of what follows the join
 * reply, shrink with them (docs/performance.md, issue #14 third round).
 */
export function firstFrameCards(width: number, height: number): number {
  const board = width > 760 ? width - 380 : width;
  const columns = Math.max(1, Math.floor((board + 12) / 244));
  const rows = Math.max(1, Math.ceil(height / 207));
  return Math.min(24, Math.max(4, columns * rows));
}

/** True once the first frame has been painted: a big plan shows its first cards at once and the rest a moment later. */
function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => startTransition(() => setPainted(true)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return painted;
}

export function TablesView({ organiser }: { organiser: boolean }) {
  const groups = useAppSelector(selectRoomGroups);
  const dragging = useKeyboardDragging();
  // While a keyboard drag is under way the arrow keys move the drag, not the focus.
  const onKeyDown = useCallback((e: KeyboardEvent<HTMLElement>) => !dragging() && moveFocusBetweenCards(e, '[data-testid="table-card"]'), [dragging]);
  const painted = useAfterFirstPaint();
  // At the server (a plan's server frame, ssr/server-frame.tsx) the window is unknown: a laptop's is assumed.
  const [firstFrame] = useState(() =>
    typeof window === 'undefined' ? firstFrameCards(1280, 800) : firstFrameCards(window.innerWidth, window.innerHeight),
  );
  // Roving tab stop: one card is in the Tab order (the last one focused); arrows move between cards.
  const [activeId, setActiveId] = useState<string | null>(null);
  const onFocus = useCallback((e: FocusEvent<HTMLElement>) => {
    const id = e.target.closest<HTMLElement>('[data-testid="table-card"]')?.dataset.tableId;
    if (id) setActiveId(id);
  }, []);
  const total = groups.reduce((n, g) => n + g.tables.length, 0);
  if (total === 0) {
    return <SetupStart organiser={organiser} what="tables" />;
  }
  const active = groups.some((g) => g.tables.some((t) => t.id === activeId))
    ? activeId
    : (groups.find((g) => g.tables.length)?.tables[0]!.id ?? null);
  return (
    <div className="tables-view" onKeyDown={onKeyDown} onFocus={onFocus}>
      <span id={TABLE_CARD_HINT} hidden>
        {organiser
          ? 'Arrow keys move between tables. Tab goes to the guests seated here, arrows between them, Space picks one up.'
          : 'Arrow keys move between tables.'}
      </span>
      <FindStatus />
      {groups.map((g, i) => {
        if (!g.tables.length) return null;
        const before = groups.slice(0, i).reduce((n, x) => n + x.tables.length, 0);
        const shown = painted ? g.tables.length : Math.max(0, Math.min(g.tables.length, firstFrame - before));
        return (
          <RoomGroupSection
            key={g.room?.id ?? 'unplaced'}
            roomName={g.room?.name ?? null}
            tables={g.tables}
            shown={shown}
            organiser={organiser}
            activeId={active}
          />
        );
      })}
    </div>
  );
}

const RoomGroupSection = memo(function RoomGroupSection({
  roomName,
  tables,
  shown,
  organiser,
  activeId,
}: {
  roomName: string | null;
  tables: import('@seatfold/domain/core').LogicalTable[];
  /** how many of the cards to render now (all but the first frame's) */
  shown: number;
  organiser: boolean;
  /** the card in the Tab order */
  activeId: string | null;
}) {
  const physical = useAppSelector((s) => selectDisplayed(s).physicalTables);
  let seated = 0;
  let seats = 0;
  for (const t of tables) {
    seated += t.guestIds.length;
    seats += t.capacity;
  }
  const headingId = `room-${roomName ?? 'unplaced'}`.replace(/\W+/g, '-');
  return (
    <section className="room-group" aria-labelledby={headingId} data-testid="room-group">
      <header className="room-group__head">
        <h2 id={headingId}>{roomName ?? 'Not placed yet'}</h2>
        <span className="muted">
          {tables.length} {tables.length === 1 ? 'table' : 'tables'} · {seated}/{seats} seats taken
        </span>
      </header>
      <div className="card-grid">
        {tables.slice(0, shown).map((t) => (
          <TableCard
            key={t.id}
            table={t}
            physical={t.physicalTableId ? (entity(physical, t.physicalTableId) ?? null) : null}
            organiser={organiser}
            active={t.id === activeId}
          />
        ))}
      </div>
    </section>
  );
});
