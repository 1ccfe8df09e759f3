import type { SeatingRuleKind } from '@seatfold/domain/core';
import { useId } from 'react';
import { isFixtureKind, isPlaceKind, PLACE_WORDS, usePlaceOptions } from './places.ts';

/** What the place list says when the plan has nothing of that kind yet, and where to make one. */
const NONE_YET: Record<'atTable' | 'inRoom' | 'fixture', string> = {
  atTable: 'No tables yet (add them with Add tables)',
  inRoom: 'No rooms yet (add them under Rooms & physical tables)',
  fixture: 'No fixtures yet (add them on a floor plan)',
};

/**
 * A place rule's target — table, room or fixture — and, for a fixture, the distance in metres. Both rule forms (the
 * rules panel's and a guest's dialog's) use it; `testId` prefixes the fields' test ids. Nothing for guest rules.
 */
export function PlaceFields(props: {
  kind: SeatingRuleKind;
  target: string;
  onTarget: (id: string) => void;
  distance: string;
  onDistance: (metres: string) => void;
  testId: string;
}) {
  const { kind, target, distance, testId } = props;
  const ids = { target: useId(), distance: useId() };
  const places = usePlaceOptions(kind);
  if (!isPlaceKind(kind)) return null;
  const none = NONE_YET[isFixtureKind(kind) ? 'fixture' : kind];
  return (
    <>
      <label htmlFor={ids.target}>{PLACE_WORDS[kind].label}</label>
      <select id={ids.target} data-testid={`${testId}-target`} value={target} onChange={(e) => props.onTarget(e.target.value)}>
        <option value="">{places.length ? 'Choose…' : none}</option>
        {places.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
      {isFixtureKind(kind) && (
        <>
          <label htmlFor={ids.distance}>{kind === 'nearFixture' ? 'Within (metres)' : 'At least (metres)'}</label>
          <input
            id={ids.distance}
            type="number"
            min="0.5"
            step="0.5"
            data-testid={`${testId}-distance`}
            value={distance}
            onChange={(e) => props.onDistance(e.target.value)}
          />
        </>
      )}
    </>
  );
}
