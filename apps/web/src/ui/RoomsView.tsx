import { entity, type LogicalTable, type PhysicalTable } from '@seatfold/domain/core';
import { memo, useCallback, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { selectPlacement, selectRoomLayouts, selectTables, selectUnplacedTables, selectVerdictFor } from '../app/selectors.ts';
import { useAppSelector } from '../app/store.ts';
import { useCarry, useCarrying, useDragSource, useDropTarget, useKeyboardDragging } from './dragdrop.tsx';
import { useCombinedRefs } from '@dnd-kit/utilities';
import { Icon } from './Icon.tsx';
import { refusalLabel, useFlash } from './TableCard.tsx';
import { moveFocusBetweenCards } from './TablesView.tsx';
import { SetupStart } from '../features/setup/SetupContext.tsx';
import { FloorView } from '../features/floorplan/FloorView.tsx';
import { tableTitle } from '../app/table-title.ts';

/** Physical tables room by room, with the logical table placed on each; logical tables are dragged onto them. */
export function RoomsView({ organiser }: { organiser: boolean }) {
  const layouts = useAppSelector(selectRoomLayouts);
  const placement = useAppSelector(selectPlacement);
  const unplaced = useAppSelector(selectUnplacedTables);
  const dragging = useKeyboardDragging();
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => !dragging() && moveFocusBetweenCards(e, '[data-testid="physical-table"]'),
    [dragging],
  );
  // Roving tab stop: one physical table (the last focused) is in the Tab order; arrows move between them.
  const [activeId, setActiveId] = useState<string | null>(null);
  const onFocus = useCallback((e: FocusEvent<HTMLElement>) => {
    const id = e.target.closest<HTMLElement>('[data-testid="physical-table"]')?.dataset.physicalId;
    if (id) setActiveId(id);
  }, []);
  const active = layouts.some((l) => l.physical.some((p) => p.id === activeId))
    ? activeId
    : (layouts.find((l) => l.physical.length)?.physical[0]!.id ?? null);

  const [mode, setMode] = useState<'floor' | 'list'>('floor');

  return (
    <div className="rooms-view">
      {/* the tray and the view switch stick together at the top: the tray never covers the switch */}
      <div className="rooms-view__top">
        <Tray tables={unplaced} organiser={organiser} />
        {layouts.length > 0 && (
          <div className="rooms-switch" role="group" aria-label="Show rooms as">
            <button
              type="button"
              className="button button--small"
              data-testid="rooms-floor"
              aria-pressed={mode === 'floor'}
              onClick={() => setMode('floor')}
            >
              Floor plan
            </button>
            <button
              type="button"
              className="button button--small"
              data-testid="rooms-list"
              aria-pressed={mode === 'list'}
              onClick={() => setMode('list')}
            >
              List
            </button>
          </div>
        )}
      </div>
      {layouts.length === 0 && <SetupStart organiser={organiser} what="rooms" />}
      {mode === 'floor' ? (
        <FloorView />
      ) : (
        <div onKeyDown={onKeyDown} onFocus={onFocus}>
          {layouts.map(({ room, physical }) => {
            let used = 0;
            for (const p of physical) if (entity(placement, p.id)) used++;
            return (
              <section key={room.id} className="room-group" aria-labelledby={`r-${room.id}`} data-testid="room">
                <header className="room-group__head">
                  <h2 id={`r-${room.id}`}>{room.name}</h2>
                  <span className="muted">
                    {physical.length} physical table{physical.length === 1 ? '' : 's'} · {used} in use ·{' '}
                    {physical.reduce((n, p) => n + p.capacity, 0)} seats
                  </span>
                </header>
                {physical.length === 0 ? (
                  <p className="muted">No physical tables in this room yet.</p>
                ) : (
                  <div className="physical-grid">
                    {physical.map((p) => (
                      <PhysicalTableTile
                        key={p.id}
                        physical={p}
                        placed={entity(placement, p.id) ?? null}
                        organiser={organiser}
                        active={p.id === active}
                      />
                    ))}
                  </div>
                )}
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}

function Tray({ tables, organiser }: { tables: LogicalTable[]; organiser: boolean }) {
  const { ref, over } = useDropTarget(organiser ? { kind: 'tray' } : null, 'table');
  const carrying = useCarrying('table');
  const verdict = useAppSelector((s) => selectVerdictFor(s, 'tray'));
  // of the plan on display (a past moment may have no tables yet)
  const none = useAppSelector((s) => Object.keys(selectTables(s)).length === 0);
  return (
    <section
      className="tray"
      data-testid="unplaced-tray"
      aria-label="Tables not placed yet"
      data-drop={carrying ? verdict?.state : undefined}
      data-over={over || undefined}
      tabIndex={carrying && verdict?.state !== 'noop' ? 0 : -1}
      ref={ref}
    >
      <header className="tray__head">
        <h2>Not placed yet</h2>
        <span className="muted">
          {none
            ? `The plan has no tables yet${organiser ? ': add them (Add tables), then place each on a physical table here.' : '.'}`
            : tables.length === 0
              ? 'Every table stands on a physical table.'
              : `${tables.length} ${tables.length === 1 ? 'table' : 'tables'}`}
          {organiser && !none && ' · drag a table onto a physical table to place it, or here to take it off'}
        </span>
      </header>
      {tables.length > 0 && (
        <div className="tray__tables">
          {tables.map((t) => (
            <LogicalTile key={t.id} table={t} organiser={organiser} />
          ))}
        </div>
      )}
    </section>
  );
}

const LogicalTile = memo(function LogicalTile({
  table,
  organiser,
  physicalLabel,
  tabbable = true,
}: {
  table: LogicalTable;
  organiser: boolean;
  physicalLabel?: string;
  tabbable?: boolean;
}) {
  const source = useDragSource(organiser ? { kind: 'table', tableId: table.id } : null, tableTitle(table.name));
  const carried = useAppSelector((s) => s.ui.drag?.kind === 'table' && s.ui.drag.tableId === table.id);
  const flashRef = useFlash(table.id);
  const keepFlash = useCallback((el: HTMLElement | null) => void (flashRef.current = el), [flashRef]);
  const ref = useCombinedRefs<HTMLElement | null>(source.ref, keepFlash);
  return (
    <div
      ref={ref}
      className="logical-tile"
      data-testid="logical-table"
      data-table-id={table.id}
      data-locked={table.locked}
      data-carried={carried || undefined}
      data-vip={table.vip || undefined}
      tabIndex={organiser ? (tabbable ? 0 : -1) : undefined}
      role={organiser ? 'button' : undefined}
      aria-label={`${tableTitle(table.name)}, ${table.guestIds.length}/${table.capacity} seats taken${physicalLabel ? `, on ${physicalLabel}` : ''}${table.locked ? ', locked' : ''}${organiser ? '. Space to pick up.' : ''}`}
      {...source.listeners}
    >
      <span className="logical-tile__name">
        {table.vip && <Icon name="star" size={11} className="icon vip-star" />}
        {table.name}
      </span>{' '}
      {/* the space keeps name and count apart in the text a screen reader compares with the label */}
      <span className="logical-tile__count">
        {table.guestIds.length}/{table.capacity}
      </span>
      {table.locked && <Icon name="lock" size={12} className="icon lock-mark" title="Locked" />}
    </div>
  );
});

/** Takes a placed table off its physical table (beside the tile, not inside it: a button never nests in a button). */
function UnplaceButton({ table, physicalLabel, tabbable }: { table: LogicalTable; physicalLabel: string; tabbable: boolean }) {
  const { drop } = useCarry();
  return (
    <button
      type="button"
      className="icon-button unplace"
      data-testid="unplace"
      tabIndex={tabbable ? undefined : -1}
      aria-label={`Take table ${table.name} off ${physicalLabel}`}
      title="Take off this physical table"
      onClick={(e) => {
        e.stopPropagation();
        drop({ kind: 'tray' }, { kind: 'table', tableId: table.id });
      }}
      onKeyDown={(e) => e.stopPropagation()}
      onPointerDown={(e) => e.stopPropagation()}
    >
      <Icon name="close" size={12} />
    </button>
  );
}

const PhysicalTableTile = memo(function PhysicalTableTile({
  physical,
  placed,
  organiser,
  active,
}: {
  physical: PhysicalTable;
  placed: LogicalTable | null;
  organiser: boolean;
  active: boolean;
}) {
  const { ref, over } = useDropTarget(organiser ? { kind: 'physical', physicalTableId: physical.id } : null, 'table');
  const carrying = useCarrying('table');
  const verdict = useAppSelector((s) => selectVerdictFor(s, `p:${physical.id}`));
  const refusal = refusalLabel(verdict);
  return (
    <div
      className="physical-table"
      data-testid="physical-table"
      data-physical-id={physical.id}
      data-drop={carrying ? verdict?.state : undefined}
      data-over={over || undefined}
      data-empty={!placed || undefined}
      tabIndex={active ? 0 : -1}
      aria-label={`Physical table ${physical.label}, seats ${physical.capacity}, ${placed ? `holds ${tableTitle(placed.name)}` : 'empty'}`}
      title={verdict?.state === 'refused' ? verdict.reason : undefined}
      ref={ref}
    >
      <div className="physical-table__head">
        <span className="physical-table__label" title={physical.label}>
          {physical.label}
        </span>
        <span className="muted">seats {physical.capacity}</span>
      </div>
      {placed ? (
        <div className="physical-table__placed">
          <LogicalTile table={placed} organiser={organiser} physicalLabel={physical.label} tabbable={active} />
          {organiser && !placed.locked && <UnplaceButton table={placed} physicalLabel={physical.label} tabbable={active} />}
        </div>
      ) : (
        <div className="physical-table__empty">{refusal ?? (carrying ? 'Drop here' : 'Empty')}</div>
      )}
      {placed && refusal && <span className="refusal">{refusal}</span>}
    </div>
  );
});
