import { entity, guestMatches, type SeatingRuleKind } from '@seatfold/domain/core';
import { useId, useMemo, useState } from 'react';
import { selectGuestLabels, selectGuestsByName, selectView } from '../../app/selectors.ts';
import { useAppSelector } from '../../app/store.ts';
import { PlaceFields } from './PlaceFields.tsx';
import { isPlaceKind, PLACE_WORDS, placeFields } from './places.ts';
import { useSend } from './useSend.ts';

const KINDS: [SeatingRuleKind, string][] = [
  ['together', 'keep them together'],
  ['apart', 'keep them apart'],
  ['atTable', 'seat them at a table'],
  ['inRoom', 'seat them in a room'],
  ['nearFixture', 'seat them near a fixture'],
  ['awayFromFixture', 'seat them away from a fixture'],
];
/** matches listed at once; a longer list asks for a narrower search */
const SHOWN = 12;

/**
 * The rules panel's form: any set of guests (found with the domain's guest matching — name, party, department,
 * needs, notes, number — and ticked), then what to do with them: together, apart, at a table, in a room, near or
 * away from a fixture, must or wish. Every field has a label and works from the keyboard; a refusal is the
 * domain's own message (schema and decide run before the command is sent).
 */
export function RuleForm() {
  const view = useAppSelector(selectView);
  const guests = useAppSelector(selectGuestsByName);
  const labels = useAppSelector(selectGuestLabels);
  const { send, error, setError } = useSend();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [kind, setKind] = useState<SeatingRuleKind>('together');
  const [target, setTarget] = useState('');
  const [distance, setDistance] = useState('5');
  const [hard, setHard] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const ids = { search: useId(), kind: useId(), hard: useId(), guests: useId() };
  const matches = useMemo(() => (query.trim() ? guests.filter((g) => guestMatches(g, query)) : []), [guests, query]);
  const chosenGuests = chosen.map((id) => ({ id, name: entity(view.guests, id) ? (labels.get(id) ?? '') : '(removed guest)' }));

  const toggle = (id: string, on: boolean) => setChosen((c) => (on ? (c.includes(id) ? c : [...c, id]) : c.filter((x) => x !== id)));
  const add = async () => {
    setAdded(null);
    if (chosen.length === 0) return setError('Find and tick the guests the rule is about.');
    if (isPlaceKind(kind) && !target) return setError(PLACE_WORDS[kind].pick);
    if (
      await send({
        type: 'addSeatingRule',
        ruleId: `rule-${crypto.randomUUID()}`,
        kind,
        hard,
        guestIds: chosen,
        ...placeFields(kind, target, distance),
      })
    ) {
      setAdded(`Rule added for ${chosen.length} ${chosen.length === 1 ? 'guest' : 'guests'}.`);
      setChosen([]);
      setQuery('');
    }
  };

  return (
    <form
      className="autoseat__rule-form autoseat__rule-form--panel"
      aria-label="Add a rule"
      data-testid="rule-form"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <fieldset className="autoseat__guests">
        <legend id={ids.guests}>Guests ({chosen.length} chosen)</legend>
        {chosenGuests.length > 0 && (
          <ul className="autoseat__chosen" data-testid="rule-chosen" aria-label="Guests in the rule">
            {chosenGuests.map((g) => (
              <li key={g.id}>
                {g.name}{' '}
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Take ${g.name} out of the rule`}
                  onClick={() => toggle(g.id, false)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <label htmlFor={ids.search}>Find guests</label>
        <input
          id={ids.search}
          type="search"
          data-testid="rule-guest-search"
          value={query}
          placeholder="name, party, department, needs…"
          onChange={(e) => setQuery(e.target.value)}
        />
        {query.trim() !== '' && (
          <div role="group" aria-label="Matching guests" data-testid="rule-matches">
            {matches.length === 0 && <p className="muted">No guest matches “{query.trim()}”.</p>}
            {matches.slice(0, SHOWN).map((g) => (
              <label key={g.id} className="autoseat__check">
                <input type="checkbox" checked={chosen.includes(g.id)} onChange={(e) => toggle(g.id, e.target.checked)} />{' '}
                {labels.get(g.id) ?? g.name}
                {g.party && labels.get(g.id) === g.name && <span className="muted"> ({g.party})</span>}
              </label>
            ))}
            {matches.length > SHOWN && <p className="muted">and {matches.length - SHOWN} more: type more of the name to narrow it down.</p>}
            {matches.length > 1 && (
              <button
                type="button"
                className="button button--small"
                onClick={() => setChosen((c) => [...new Set([...c, ...matches.map((g) => g.id)])].slice(0, 50))}
              >
                Tick all {Math.min(matches.length, 50)} matching
              </button>
            )}
          </div>
        )}
      </fieldset>
      <label htmlFor={ids.kind}>Rule</label>
      <select
        id={ids.kind}
        data-testid="rule-kind"
        value={kind}
        onChange={(e) => {
          setKind(e.target.value as SeatingRuleKind);
          setTarget('');
        }}
      >
        {KINDS.map(([k, text]) => (
          <option key={k} value={k}>
            {text}
          </option>
        ))}
      </select>
      <PlaceFields kind={kind} target={target} onTarget={setTarget} distance={distance} onDistance={setDistance} testId="rule" />
      <label htmlFor={ids.hard} className="autoseat__check">
        <input id={ids.hard} type="checkbox" data-testid="rule-hard" checked={hard} onChange={(e) => setHard(e.target.checked)} /> Must (not just a
        wish)
      </label>
      <button type="submit" className="button button--small" data-testid="rule-add">
        Add rule
      </button>
      {added && (
        <p className="setup-done" role="status" data-testid="rule-added">
          {added}
        </p>
      )}
      {error && (
        <p className="notice notice--error" role="alert" data-testid="rule-error">
          {error}
        </p>
      )}
    </form>
  );
}
