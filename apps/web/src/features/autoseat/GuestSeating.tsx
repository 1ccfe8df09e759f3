import { entity, partyKey, partyMembers, partyTitle, rulesOf, ruleText, type SeatingRuleKind } from '@seatfold/domain/core';
import { useId, useMemo, useState } from 'react';
import { selectGuestLabels, selectGuestsByName, selectView } from '../../app/selectors.ts';
import { useAppSelector } from '../../app/store.ts';
import { GuestPicker } from './GuestPicker.tsx';
import { PlaceFields } from './PlaceFields.tsx';
import { isPlaceKind, PLACE_WORDS, placeFields, usePlaceOptions } from './places.ts';
import { RemoveRule } from './RemoveRule.tsx';
import { useSend } from './useSend.ts';

const KIND_TEXT: Record<SeatingRuleKind, string> = {
  together: 'keep together with',
  apart: 'keep apart from',
  atTable: 'seat at table',
  inRoom: 'seat in room',
  nearFixture: 'seat near',
  awayFromFixture: 'seat away from',
};

/**
 * A guest's automatic-seating settings, in the guest's dialog (the guest row's menu: E or double-click): pin the
 * guest (the solver never moves them) and add a rule for the guest or their whole party — together with / apart
 * from another guest, at a table, in a room, within or beyond a distance of a fixture (stage, bar, DJ…).
 */
export function GuestSeating({ guestId }: { guestId: string }) {
  const view = useAppSelector(selectView);
  const guests = useAppSelector(selectGuestsByName);
  const labels = useAppSelector(selectGuestLabels);
  const guest = entity(view.guests, guestId);
  const { send, error, setError } = useSend();
  const [kind, setKind] = useState<SeatingRuleKind>('together');
  const [target, setTarget] = useState('');
  const [hard, setHard] = useState(false);
  const [distance, setDistance] = useState('5');
  const [wholeParty, setWholeParty] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const ids = { title: useId(), kind: useId(), pin: useId(), now: useId() };
  const places = usePlaceOptions(kind);
  const others = useMemo(() => guests.filter((g) => g.id !== guestId), [guests, guestId]);
  const own = useMemo(() => Object.values(rulesOf(view)).filter((r) => r.guestIds.includes(guestId)), [view, guestId]);
  if (!guest) return null;
  const party = partyKey(guest.party) ? partyMembers(view, guest.party) : [];
  const targetLabel = isPlaceKind(kind) ? places.find((o) => o.id === target)?.label : labels.get(target);

  const add = async () => {
    setAdded(null);
    if (!target) return setError(isPlaceKind(kind) ? PLACE_WORDS[kind].pick : 'Pick the other guest.');
    const who = wholeParty && party.length > 1 ? party.map((g) => g.id) : [guestId];
    const place = placeFields(kind, target, distance);
    const guestIds = kind === 'together' || kind === 'apart' ? [...who.filter((id) => id !== target), target] : who;
    if (await send({ type: 'addSeatingRule', ruleId: `rule-${crypto.randomUUID()}`, kind, hard, guestIds, ...place })) {
      setAdded(`Rule added: ${KIND_TEXT[kind]} ${targetLabel ?? ''}. See it under Seat automatically.`);
      setTarget('');
    }
  };

  return (
    <section className="autoseat__guest" aria-labelledby={ids.title} data-testid="guest-seating">
      <h3 id={ids.title}>Automatic seating</h3>
      <p className="muted" id={ids.now}>
        Pin and rules take effect at once, without Save changes; Undo (Ctrl+Z) takes one back.
      </p>
      <label htmlFor={ids.pin} className="autoseat__check">
        <input
          id={ids.pin}
          type="checkbox"
          data-testid="guest-pin"
          checked={!!guest.pinned}
          aria-describedby={ids.now}
          onChange={(e) => void send({ type: 'pinGuest', guestId, pinned: e.target.checked })}
        />{' '}
        Pin {guest.name}: automatic seating never moves them
      </label>
      {own.length > 0 && (
        <ul className="autoseat__guest-rules" aria-label={`Rules for ${guest.name}`} data-testid="guest-rules">
          {own.map((r) => {
            const text = ruleText(view, r, (id) => labels.get(id));
            return (
              <li key={r.id} data-testid="guest-rule">
                {text} <RemoveRule ruleId={r.id} text={text} send={send} />
              </li>
            );
          })}
        </ul>
      )}
      <form
        className="autoseat__rule-form"
        aria-label={`Add a rule for ${guest.name}`}
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label htmlFor={ids.kind}>Rule</label>
        <select
          id={ids.kind}
          data-testid="guest-rule-kind"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as SeatingRuleKind);
            setTarget('');
          }}
        >
          {(Object.keys(KIND_TEXT) as SeatingRuleKind[]).map((k) => (
            <option key={k} value={k}>
              {KIND_TEXT[k]}
            </option>
          ))}
        </select>
        {isPlaceKind(kind) ? (
          <PlaceFields kind={kind} target={target} onTarget={setTarget} distance={distance} onDistance={setDistance} testId="guest-rule" />
        ) : (
          <GuestPicker label="Other guest" guests={others} labels={labels} value={target} onChange={setTarget} testId="guest-rule-other" />
        )}
        {party.length > 1 && (
          <label className="autoseat__check">
            <input type="checkbox" data-testid="guest-rule-party" checked={wholeParty} onChange={(e) => setWholeParty(e.target.checked)} /> for all of{' '}
            {partyTitle(guest.party)} ({party.length})
          </label>
        )}
        <label className="autoseat__check">
          <input type="checkbox" data-testid="guest-rule-hard" checked={hard} onChange={(e) => setHard(e.target.checked)} /> Must (not just a wish)
        </label>
        <button type="submit" className="button button--small" data-testid="guest-rule-add" aria-describedby={ids.now}>
          Add rule
        </button>
      </form>
      {added && (
        <p className="setup-done" role="status" data-testid="guest-rule-added">
          {added}
        </p>
      )}
      {error && (
        <p className="notice notice--error" role="alert" data-testid="guest-seating-error">
          {error}
        </p>
      )}
    </section>
  );
}
