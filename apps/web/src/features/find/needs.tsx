import type { GuestFields } from '@seatfold/domain/core';
import { Icon } from '../../ui/Icon.tsx';
import './find.css';

type Needs = Pick<GuestFields, 'dietary' | 'accessibility' | 'notes'>;

/** At most this much of a note goes into an accessible name (the whole note is in the hover text). */
const NOTE_IN_NAME = 160;
const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The guest's needs as words for an accessible name: ", dietary: vegan, accessibility: wheelchair, note: …". */
export function needsText(g: Needs): string {
  return [
    g.dietary && `, dietary: ${g.dietary}`,
    g.accessibility && `, accessibility: ${g.accessibility}`,
    g.notes && `, note: ${short(g.notes.replace(/\s+/g, ' '), NOTE_IN_NAME)}`,
  ]
    .filter(Boolean)
    .join('');
}

/** The guest's needs as hover text, one per line. */
export function needsTitle(g: Needs): string {
  return [g.dietary && `Dietary: ${g.dietary}`, g.accessibility && `Accessibility: ${g.accessibility}`, g.notes && `Note: ${g.notes}`]
    .filter(Boolean)
    .join('\n');
}

/** An icon per need, each with its text on hover and as its accessible name. Nothing when there is no need. */
export function NeedsIcons({ guest, size = 12 }: { guest: Needs; size?: number }) {
  return (
    <>
      {guest.dietary && (
        <Icon name="meal" size={size} className="icon need need--diet" title={`Dietary: ${guest.dietary}`} data-testid="need-dietary" />
      )}
      {guest.accessibility && (
        <Icon
          name="access"
          size={size}
          className="icon need need--access"
          title={`Accessibility: ${guest.accessibility}`}
          data-testid="need-accessibility"
        />
      )}
      {guest.notes && <Icon name="note" size={size} className="icon need need--note" title={`Note: ${guest.notes}`} data-testid="need-note" />}
    </>
  );
}
