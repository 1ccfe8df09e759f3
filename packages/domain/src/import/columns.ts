import { matchKey } from './normalize.ts';

/** What a spreadsheet column can mean for a guest. `ref` is the organisation's own number (e.g. Personalnummer). */
export type GuestColumn =
  'ref' | 'name' | 'firstName' | 'lastName' | 'email' | 'party' | 'department' | 'dietary' | 'accessibility' | 'vip' | 'notes' | 'table';

export const GUEST_COLUMNS: { field: GuestColumn; label: string }[] = [
  { field: 'ref', label: 'Guest number' },
  { field: 'name', label: 'Full name' },
  { field: 'firstName', label: 'First name' },
  { field: 'lastName', label: 'Last name' },
  { field: 'email', label: 'E-mail' },
  { field: 'party', label: 'Party / group' },
  { field: 'department', label: 'Department / company' },
  { field: 'dietary', label: 'Dietary needs' },
  { field: 'accessibility', label: 'Accessibility needs' },
  { field: 'vip', label: 'VIP' },
  { field: 'notes', label: 'Notes' },
  { field: 'table', label: 'Table' },
];

/** Common headers in English and German, matched after lower-casing and dropping accents and punctuation. */
export const GUEST_HEADER_WORDS: Record<GuestColumn, string[]> = {
  ref: [
    'guest number',
    'guest no',
    'number',
    'no',
    'nr',
    'nummer',
    'id',
    'guest id',
    'gast id',
    'gastid',
    'guestid',
    'gastnummer',
    'personalnummer',
    'personal nr',
    'pers nr',
    'personalnr',
    'mitarbeiternummer',
    'employee id',
    'employee number',
    'staff number',
    'teilnehmernummer',
    'mitgliedsnummer',
    'member number',
    'ref',
    'reference',
  ],
  name: ['name', 'full name', 'guest', 'gast', 'guest name', 'vollstandiger name', 'teilnehmer', 'participant'],
  firstName: ['first name', 'firstname', 'given name', 'vorname'],
  lastName: ['last name', 'lastname', 'surname', 'family name', 'nachname', 'familienname'],
  email: ['email', 'e mail', 'mail', 'email address', 'e mail address', 'e mail adresse', 'emailadresse', 'mailadresse'],
  party: ['party', 'group', 'gruppe', 'begleitung', 'family', 'familie', 'household', 'haushalt'],
  department: ['department', 'abteilung', 'company', 'firma', 'unternehmen', 'team', 'bereich', 'organisation', 'organization'],
  dietary: [
    'dietary',
    'diet',
    'dietary needs',
    'dietary requirements',
    'allergies',
    'essen',
    'diat',
    'ernahrung',
    'menu',
    'menue',
    'unvertraglichkeiten',
    'allergien',
  ],
  accessibility: [
    'accessibility',
    'accessibility needs',
    'access needs',
    'mobility',
    'barrierefreiheit',
    'barrierefrei',
    'rollstuhl',
    'wheelchair',
    'special needs',
  ],
  vip: ['vip', 'v i p', 'ehrengast', 'vip guest'],
  notes: ['notes', 'note', 'comment', 'comments', 'notiz', 'notizen', 'bemerkung', 'bemerkungen', 'kommentar', 'anmerkung'],
  table: ['table', 'tisch', 'table number', 'tischnummer', 'tisch nr', 'table no', 'seat', 'platz'],
};

export type DrawColumn = 'table' | 'physical' | 'room';

export const DRAW_HEADER_WORDS: Record<DrawColumn, string[]> = {
  table: ['table', 'logical table', 'tisch', 'tischnummer', 'tisch nr', 'table number', 'table no', 'logischer tisch'],
  physical: [
    'physical table',
    'physical',
    'position',
    'place',
    'location',
    'drawn',
    'draw',
    'physischer tisch',
    'platz',
    'stellplatz',
    'standort',
    'gezogen',
    'los',
  ],
  room: ['room', 'raum', 'saal', 'hall', 'area', 'bereich'],
};

export const headerKey = (h: string) =>
  matchKey(h)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

function guess<C extends string>(headers: string[], words: Record<C, string[]>): (C | null)[] {
  const used = new Set<C>();
  return headers.map((h) => {
    const k = headerKey(h);
    for (const [field, list] of Object.entries(words) as [C, string[]][]) {
      if (!used.has(field) && list.includes(k)) {
        used.add(field);
        return field;
      }
    }
    return null;
  });
}

/**
 * Guesses each column's meaning from its header; a meaning is given to one column at most. Beside a first-name
 * column and without a last-name one, "Name" is the surname (the German "Name | Vorname" layout).
 */
export function guessGuestColumns(headers: string[]): (GuestColumn | null)[] {
  const columns = guess(headers, GUEST_HEADER_WORDS);
  const name = columns.indexOf('name');
  if (name >= 0 && columns.includes('firstName') && !columns.includes('lastName') && headerKey(headers[name]!) === 'name') columns[name] = 'lastName';
  return columns;
}

export const guessDrawColumns = (headers: string[]): (DrawColumn | null)[] => guess(headers, DRAW_HEADER_WORDS);

const KNOWN_HEADERS = new Set([...Object.values(GUEST_HEADER_WORDS), ...Object.values(DRAW_HEADER_WORDS)].flat());

/** How many cells of a row are headers Seatfold knows (guest list or table draw): finds the header row of a sheet. */
export const knownHeaderCount = (cells: string[]) => cells.filter((c) => KNOWN_HEADERS.has(headerKey(c))).length;
