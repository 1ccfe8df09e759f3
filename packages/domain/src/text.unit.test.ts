import { describe, expect, it } from 'vitest';
import {
  cleanFileName,
  clipText,
  decide,
  emptyGuestFields,
  evolve,
  guessGuestColumns,
  initialState,
  parseCommand,
  planGuestImport,
  type Command,
  type PlanState,
} from './index.ts';

/** Finding 10 of issue #8: text hygiene, one schema per field for every way in. Public API only. */
const message = (input: unknown) => {
  const r = parseCommand(input);
  return r.ok ? null : r.message;
};
const accepted = (input: unknown): Command => {
  const r = parseCommand(input);
  if (!r.ok) throw new Error(r.message);
  return r.command;
};

const CONTROL = ['\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\u0080', '\u0085', '\u009f'];
const INVISIBLE = [
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];
const hex = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

describe('text hygiene in commands', () => {
  it('refuses control and invisible characters in every name, label and guest field, saying which one', () => {
    const cases: [(v: string) => unknown, string][] = [
      [(v) => ({ type: 'createPlan', name: `Gala${v}2026` }), 'name: Names'],
      [(v) => ({ type: 'addRoom', roomId: 'r1', name: `Hall${v}A` }), 'name: Names'],
      [(v) => ({ type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'r1', label: `B${v}1`, capacity: 2 }), 'label: Names'],
      [(v) => ({ type: 'editTable', tableId: 't1', changes: { name: `T${v}1` } }), 'changes.name: Names'],
      [(v) => ({ type: 'addGuest', guestId: 'g1', name: `Ada${v}Lovelace` }), 'name: Names'],
      [(v) => ({ type: 'editGuest', guestId: 'g1', changes: { name: `Ada${v}B` } }), 'changes.name: Names'],
      [(v) => ({ type: 'addGuest', guestId: 'g1', name: 'Ada', email: `ada${v}@x.org` }), 'email: E-mail addresses'],
      [(v) => ({ type: 'editGuest', guestId: 'g1', changes: { party: `A${v}B` } }), 'changes.party: Parties'],
      [(v) => ({ type: 'editGuest', guestId: 'g1', changes: { department: `A${v}B` } }), 'changes.department: Departments'],
      [(v) => ({ type: 'editGuest', guestId: 'g1', changes: { dietary: `A${v}B` } }), 'changes.dietary: Dietary needs'],
      [(v) => ({ type: 'editGuest', guestId: 'g1', changes: { notes: `A${v}B` } }), 'changes.notes: Notes'],
    ];
    for (const [make, where] of cases) {
      for (const ch of [...CONTROL, ...INVISIBLE]) {
        expect(message(make(ch)), `${where} ${hex(ch)}`).toBe(
          `Invalid command — ${where} cannot contain invisible or control characters (found ${hex(ch)}).`,
        );
      }
    }
  });

  it('single-line fields refuse tab and newline inside; notes keep them, CR and CRLF become newlines', () => {
    expect(message({ type: 'addGuest', guestId: 'g1', name: 'Ada\nLovelace' })).toMatch(/found U\+000A/);
    expect(message({ type: 'addGuest', guestId: 'g1', name: 'Ada\tLovelace' })).toMatch(/found U\+0009/);
    const c = accepted({ type: 'editGuest', guestId: 'g1', changes: { notes: 'line 1\r\nline 2\rline\t3\n' } });
    expect(c).toEqual({ type: 'editGuest', guestId: 'g1', changes: { notes: 'line 1\nline 2\nline\t3\n' } });
  });

  it('NFC-normalises and trims, so one guest cannot be two different texts that look alike', () => {
    const decomposed = 'Zoe\u0308 U\u0308nal'; // e + combining diaeresis
    const c = accepted({ type: 'addGuest', guestId: 'g1', name: `  ${decomposed} `, department: ' IT ' });
    expect(c).toMatchObject({ name: 'Zoë Ünal', department: 'IT' });
    expect((c as { name: string }).name).toBe('Zoë Ünal'.normalize('NFC'));
  });

  it('refuses a pile of marks on one letter and a text far over its length before normalising it (NFC of either is slow)', () => {
    const pile = (n: number) => 'a' + '\u0301\u0316'.repeat(n / 2);
    expect(message({ type: 'addGuest', guestId: 'g1', name: `Zo${pile(30)}e` })).toBeNull();
    expect(message({ type: 'addGuest', guestId: 'g1', name: `Zo${pile(32)}e` })).toContain(
      'Names cannot carry more than 30 accents or marks on one letter.',
    );
    expect(message({ type: 'addGuest', guestId: 'g1', name: 'Ann', notes: `Hi ${pile(3998)}` })).toContain(
      'Notes cannot carry more than 30 accents or marks on one letter.',
    );
    // 2 million marks: normalising them would hold the thread for about an hour; refused by length, never normalised
    expect(message({ type: 'addGuest', guestId: 'g1', name: 'Ann', notes: pile(2_000_000) })).toContain('Notes are at most 2000 characters.');
  });

  it('a spreadsheet cell or a file name with a pile of marks keeps 30 of them, cheaply, whole characters only', () => {
    const created = initialState();
    for (const e of (decide(created, { type: 'createPlan', name: 'P' }) as { events: Parameters<typeof evolve>[1][] }).events) evolve(created, e);
    const pile = (n: number) => 'Ann' + '\u0301'.repeat(n) + ' Lee';
    // 2 million marks in one cell, normalised whole: an hour of the thread. Refused as too long, never normalised.
    const planned = planGuestImport(
      created,
      [
        { rowNumber: 2, cells: [pile(2_000_000)] },
        { rowNumber: 3, cells: [pile(150)] },
      ],
      guessGuestColumns(['Name']),
      () => 'g-pile',
    );
    expect(planned.rows.map((r) => [r.status, r.reason])).toEqual([
      ['rejected', 'Names are at most 200 characters.'],
      ['new', null],
    ]);
    // a cell of a reasonable length keeps 30 marks of its pile
    expect(planned.commands).toMatchObject([{ type: 'addGuest', name: `Ann${'\u0301'.repeat(30)} Lee`.normalize('NFC') }]);
    expect(cleanFileName(`x${'\u0301'.repeat(100)}.csv`)).toBe(`x${'\u0301'.repeat(30)}.csv`.normalize('NFC'));
    expect(cleanFileName(`x${'\u0301'.repeat(2_000_000)}.csv`)).toBe(`x${'\u0301'.repeat(30)}`.normalize('NFC')); // cut first
    // a mark outside the first plane (two UTF-16 units each) is never cut in half
    const astral = '\u{1D165}'; // MUSICAL SYMBOL COMBINING STEM
    expect(cleanFileName(`y${astral.repeat(40)}`)).toBe(`y${astral.repeat(30)}`.normalize('NFC'));
  });

  it('keeps the zero-width joiners a script needs, and refuses them where they draw nothing', () => {
    const names = [
      'ශ්\u200dරී ලංකා', // Sinhala: Sri, the joiner after the virama (al-lakuna)
      'क्\u200dष', // Devanagari: a half form
      'علی\u200cاکبر', // Persian: Ali-Akbar, yeh joins the alef, the non-joiner keeps them apart
      'می\u200cخواهم', // Persian, between two joining letters
    ];
    for (const name of names) expect(accepted({ type: 'addGuest', guestId: 'g1', name })).toMatchObject({ name });
    for (const [name, ch] of [
      ['Ann\u200ca', 'U+200C'], // Latin: invisible
      ['Ann\u200da', 'U+200D'],
      ['ا\u200cب', 'U+200C'], // after alef, which never joins the next letter: invisible
      ['علی\u200c Rosa', 'U+200C'], // no Arabic letter after it
      ['\u200cعلی', 'U+200C'],
      ['ශ\u200dර', 'U+200D'], // no virama before it
    ])
      expect(message({ type: 'addGuest', guestId: 'g1', name })).toContain(ch);
    expect(cleanFileName('علی\u200cاکبر.csv')).toBe('علی_اکبر.csv');
  });

  it('keeps ordinary international text', () => {
    for (const name of ['Jürgen Groß', 'Ayşe Yılmaz', 'אברהם כהן', 'محمد حداد', '山田 太郎', 'Zoë 🎉', "O'Brien-Smith"]) {
      expect(accepted({ type: 'addGuest', guestId: 'g1', name })).toMatchObject({ name });
    }
    // a subdivision flag is 🏴 and tag characters; Mongolian needs its variation selectors
    for (const name of ['Team 🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}', 'ᠮᠣᠩᠭ᠋ᠣᠯ']) {
      expect(accepted({ type: 'addGuest', guestId: 'g1', name })).toMatchObject({ name });
    }
  });

  it('refuses the other characters that draw nothing, so "Hall" and "Hall" with a mark are never two names', () => {
    const marks = ['\u200e', '\u200f', '\u061c', '\u00ad', '\u034f', '\u3164', '\u115f', '\u2062', '\u206f', '\ufff9', '\u{1d173}', '\u{e0041}'];
    for (const mark of marks) {
      const code = `U+${mark.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      expect(message({ type: 'addRoom', roomId: 'r1', name: `Hall${mark}` }), code).toContain(`invisible or control characters (found ${code})`);
      expect(message({ type: 'addGuest', guestId: 'g1', name: 'Ann', notes: `x${mark}` }), code).toContain(code);
    }
    expect(cleanFileName('list\u200f.xlsx')).toBe('list_.xlsx');
  });

  it('an edit may expect a value stored before its character was refused, so the planner can take it out', () => {
    const s: PlanState = initialState();
    evolve(s, { type: 'PlanCreated', v: 1, name: 'Gala' });
    evolve(s, { type: 'GuestAdded', v: 1, guestId: 'g1', ...emptyGuestFields, name: 'Ann\u200f' });
    const edit = accepted({ type: 'editGuest', guestId: 'g1', changes: { name: 'Ann' }, expected: { name: 'Ann\u200f' } });
    const out = decide(s, edit) as { events?: { type: string }[] };
    expect(out.events?.map((e) => e.type)).toEqual(['GuestEdited']);
    expect(message({ type: 'editGuest', guestId: 'g1', changes: { name: 'Ann\u200f' } })).toContain('U+200F');
  });
});

describe('imports use the same schemas as edits', () => {
  const state = (): PlanState => {
    const s = initialState();
    for (const c of [
      { type: 'createPlan', name: 'P' },
      { type: 'addGuest', guestId: 'g1', name: 'Ada', email: 'ada@x.org' },
    ] as Command[]) {
      const d = decide(s, c);
      if (!d.ok) throw new Error(d.error.message);
      for (const e of d.events) evolve(s, e);
    }
    return s;
  };
  const cols = guessGuestColumns(['Name', 'E-mail', 'Notes', 'Department']);
  let n = 0;
  const newId = () => `n-${++n}`;

  it('rejects a row whose field an edit would refuse — too long, half an emoji — with the schema’s reason', () => {
    const p = planGuestImport(
      state(),
      [
        { rowNumber: 2, cells: ['Bea', 'bea@x.org', 'n'.repeat(3055), ''] },
        { rowNumber: 3, cells: ['Cid', 'cid@x.org', '', 'Sales \ud83c'] },
        { rowNumber: 4, cells: ['Eda', 'eda@x.org', '', ''] },
        { rowNumber: 5, cells: ['x'.repeat(201), 'long@x.org', '', ''] },
        { rowNumber: 6, cells: ['Dee', 'dee@x.org', 'n'.repeat(2000), 'Ops'] },
        { rowNumber: 7, cells: ['Ada', 'ada@x.org', 'n'.repeat(2001), ''] },
      ],
      cols,
      newId,
    );
    expect(p.rows.map((r) => [r.rowNumber, r.status, r.reason])).toEqual([
      [2, 'rejected', 'Notes are at most 2000 characters.'],
      [3, 'rejected', 'Departments cannot contain a broken character (U+D83C: half of an emoji or symbol). Type it again.'],
      [4, 'new', null],
      [5, 'rejected', 'Names are at most 200 characters.'],
      [6, 'new', null],
      [7, 'rejected', 'Notes are at most 2000 characters.'],
    ]);
    // whatever an import produces, an edit of the same field accepts
    for (const c of p.commands) expect(parseCommand(c).ok, JSON.stringify(c).slice(0, 80)).toBe(true);
  });

  it('takes out of a cell what draws nothing (the sheet shows none of it), keeping what a script or a flag needs', () => {
    const p = planGuestImport(
      state(),
      [
        // a zero-width space, a soft hyphen, bidi marks, a BOM, a control character: read as "Bea Berg", "Sales"
        { rowNumber: 2, cells: ['Bea\u200b Be\u00adrg\u200e', 'bea@x.org', '', '\ufeffSales\u0007\u202e'] },
        // the same person as Ada: the invisible mark does not make another guest
        { rowNumber: 3, cells: ['A\u200fda', 'ada@x.org', 'line one\n\tline two\u200b', ''] },
        // Sinhala "Sri" keeps its joiner; Persian "Ali-Akbar" its non-joiner; a Latin non-joiner goes; a flag keeps its tags
        {
          rowNumber: 4,
          cells: ['ශ්\u200dරී Ali\u200c Akbar علی\u200cاکبر', 'sri@x.org', '', '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f} Team'],
        },
      ],
      cols,
      newId,
    );
    expect(p.rows.map((r) => [r.rowNumber, r.status, r.reason])).toEqual([
      [2, 'new', null],
      [3, 'updated', null],
      [4, 'new', null],
    ]);
    const added = p.commands.filter((c): c is Extract<Command, { type: 'addGuest' }> => c.type === 'addGuest');
    expect(added.map((c) => [c.name, c.department])).toEqual([
      ['Bea Berg', 'Sales'],
      ['ශ්\u200dරී Ali Akbar علی\u200cاکبر', '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f} Team'],
    ]);
    const edited = p.commands.find((c): c is Extract<Command, { type: 'editGuest' }> => c.type === 'editGuest');
    expect(edited?.changes).toEqual({ notes: 'line one\n\tline two' });
    for (const c of p.commands) expect(parseCommand(c).ok, JSON.stringify(c).slice(0, 80)).toBe(true);
  });
});

describe('cleanFileName and clipText: a name a client sent, made storable', () => {
  it('turns what no field may hold into "_", and cuts without splitting an emoji', () => {
    expect(cleanFileName(' Gäste\u0000liste\u202e.xlsx ')).toBe('Gäste_liste_.xlsx');
    expect(cleanFileName('half \ud83c.csv')).toBe('half _.csv');
    expect(cleanFileName('🎉'.repeat(200))).toBe('🎉'.repeat(127));
    expect(clipText('ab🎉', 3)).toBe('ab');
    expect(clipText('ab🎉', 4)).toBe('ab🎉');
  });

  it('refuses half an emoji in any text field, saying so', () => {
    expect(message({ type: 'addGuest', guestId: 'g', name: 'Ann \ud83c' })).toBe(
      'Invalid command — name: Names cannot contain a broken character (U+D83C: half of an emoji or symbol). Type it again.',
    );
  });
});
