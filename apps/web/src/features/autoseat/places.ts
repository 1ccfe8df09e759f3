import { entity, fixturesOf, floorItemName, type SeatingRuleKind } from '@seatfold/domain/core';
import { useMemo } from 'react';
import { selectView } from '../../app/selectors.ts';
import { useAppSelector } from '../../app/store.ts';
import { tableTitle } from '../../app/table-title.ts';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export type PlaceKind = Extract<SeatingRuleKind, 'atTable' | 'inRoom' | 'nearFixture' | 'awayFromFixture'>;
export const isPlaceKind = (k: SeatingRuleKind): k is PlaceKind => k !== 'together' && k !== 'apart';
export const isFixtureKind = (k: SeatingRuleKind) => k === 'nearFixture' || k === 'awayFromFixture';

/** The words a rule form shows for each place kind: the target's label and what to ask for when none is chosen. */
export const PLACE_WORDS: Record<PlaceKind, { label: string; pick: string }> = {
  atTable: { label: 'Table', pick: 'Pick the table.' },
  inRoom: { label: 'Room', pick: 'Pick the room.' },
  nearFixture: { label: 'Fixture', pick: 'Pick the fixture.' },
  awayFromFixture: { label: 'Fixture', pick: 'Pick the fixture.' },
};

/** The places a place rule may name, sorted as a planner reads them: tables, rooms, or fixtures ("stage “Main” in Hall"). */
export function usePlaceOptions(kind: SeatingRuleKind): { id: string; label: string }[] {
  const view = useAppSelector(selectView);
  return useMemo(() => {
    const sorted = (xs: { id: string; label: string }[]) => xs.sort((a, b) => collator.compare(a.label, b.label));
    if (kind === 'atTable') return sorted(Object.values(view.tables).map((t) => ({ id: t.id, label: tableTitle(t.name) })));
    if (kind === 'inRoom') return sorted(Object.values(view.rooms).map((r) => ({ id: r.id, label: r.name })));
    if (isFixtureKind(kind))
      return sorted(
        Object.values(fixturesOf(view)).map((f) => ({
          id: f.id,
          label: `${floorItemName(view, f)} in ${entity(view.rooms, f.roomId)?.name ?? 'a room'}`,
        })),
      );
    return [];
  }, [kind, view]);
}

/** The command fields of a place rule's target. */
export function placeFields(
  kind: SeatingRuleKind,
  target: string,
  distance: string,
): { tableId?: string; roomId?: string; fixtureId?: string; distanceM?: number } {
  if (kind === 'atTable') return { tableId: target };
  if (kind === 'inRoom') return { roomId: target };
  if (isFixtureKind(kind)) return { fixtureId: target, distanceM: Number(distance) };
  return {};
}
