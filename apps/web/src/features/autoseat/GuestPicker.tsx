import { guestMatcher, type Guest } from '@seatfold/domain/core';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';

/** At most this many matches are listed: a planner types more rather than scrolls through 1,500 guests. */
const SHOWN = 50;

interface Props {
  /** the label's text */
  label: string;
  /** the guests to choose from, in the order to list them */
  guests: readonly Guest[];
  /** how each guest reads (the domain's guestLabels: two guests of one name told apart) */
  labels: ReadonlyMap<string, string>;
  /** the chosen guest's id, or '' */
  value: string;
  onChange: (guestId: string) => void;
  testId?: string;
}

/**
 * One guest chosen out of many by typing (the ARIA 1.2 combobox pattern with a list popup): the text filters with
 * the guest search's own matching (every word, any order, any field, umlauts spelled out), Down and Up move through
 * the matches, Enter chooses, Escape closes the list (then clears the text). The active option is announced through
 * aria-activedescendant; how many guests match, or that none does, through a polite status.
 */
export function GuestPicker({ label, guests, labels, value, onChange, testId }: Props) {
  const ids = { input: useId(), list: useId() };
  const chosenLabel = value ? (labels.get(value) ?? '') : '';
  const [text, setText] = useState(chosenLabel);
  const [open, setOpen] = useState(false);
  /** the option the arrows are on (-1: none yet) */
  const [active, setActive] = useState(-1);
  // The text shows the chosen guest until the planner types something else (a choice made elsewhere is followed).
  const [shownFor, setShownFor] = useState(value);
  if (shownFor !== value) {
    setShownFor(value);
    setText(chosenLabel);
  }

  const matches = useMemo(() => {
    const query = text === chosenLabel ? '' : text; // the chosen guest's label is no search
    const matches = guestMatcher(query);
    return guests.filter(matches);
  }, [guests, text, chosenLabel]);
  const shown = matches.slice(0, SHOWN);
  const at = Math.min(active, shown.length - 1); // the list may have shrunk under the active option
  const optionId = (i: number) => `${ids.list}-${i}`;
  const list = useRef<HTMLUListElement>(null);
  // The active option stays in sight as the arrows move through a list taller than its box.
  useEffect(() => {
    if (open && at >= 0) list.current?.children[at]?.scrollIntoView({ block: 'nearest' });
  }, [open, at]);

  const choose = (g: Guest | undefined) => {
    if (!g) return;
    setShownFor(g.id);
    onChange(g.id);
    setText(labels.get(g.id) ?? g.name);
    setOpen(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const step = (to: number) => {
      e.preventDefault();
      setOpen(true);
      setActive(open ? Math.max(0, Math.min(shown.length - 1, to)) : to < 0 ? shown.length - 1 : 0);
    };
    if (e.key === 'ArrowDown') step(at + 1);
    else if (e.key === 'ArrowUp') step(at - 1);
    else if (e.key === 'Enter' && open) {
      // Chooses the option the arrows are on, or the only match; the form is sent by the next Enter.
      e.preventDefault();
      choose(at >= 0 ? shown[at] : shown.length === 1 ? shown[0] : undefined);
    } else if (e.key === 'Escape' && (open || text)) {
      e.preventDefault(); // the dialog around it stays open
      if (open) setOpen(false);
      else {
        setText('');
        setShownFor('');
        onChange('');
      }
    }
  };

  const status = !open
    ? ''
    : matches.length === 0
      ? `No guest matches “${text.trim()}”.`
      : matches.length > SHOWN
        ? `${matches.length} guests match; the first ${SHOWN} are listed: type more of the name to narrow them down.`
        : `${matches.length} ${matches.length === 1 ? 'guest matches' : 'guests match'}.`;

  return (
    <div className="guest-picker" data-testid={testId}>
      <label htmlFor={ids.input}>{label}</label>
      <input
        id={ids.input}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        placeholder="Type a name, e-mail, party…"
        aria-expanded={open}
        aria-controls={ids.list}
        aria-autocomplete="list"
        aria-activedescendant={open && at >= 0 ? optionId(at) : undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(-1);
          setOpen(true);
          // Typing takes the choice back, and keeps what was typed (not the text of "no choice").
          setShownFor('');
          if (value) onChange('');
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onClick={() => {
          if (open) return;
          setOpen(true);
          setActive(-1);
        }}
      />
      <ul ref={list} id={ids.list} role="listbox" aria-label={label} className="guest-picker__list" hidden={!open || shown.length === 0}>
        {open &&
          shown.map((g, i) => (
            <li
              key={g.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === at}
              className="guest-picker__option"
              // pressed, not clicked: the input keeps focus (and does not close the list) while the mouse goes down
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(g)}
              onMouseMove={() => i !== at && setActive(i)}
            >
              {labels.get(g.id) ?? g.name}
            </li>
          ))}
      </ul>
      <p role="status" className={matches.length === 0 && open ? 'guest-picker__none' : 'visually-hidden'}>
        {status}
      </p>
    </div>
  );
}
