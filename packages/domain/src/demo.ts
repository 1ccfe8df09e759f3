import { foldText } from './catering.ts';
import type { Command } from './commands.ts';

/** A small seeded PRNG (xorshift32): the demo plan is the same on every machine. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x1_0000_0000;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}

const FIRST = [
  'Anna',
  'Lukas',
  'Mia',
  'Leon',
  'Emma',
  'Paul',
  'Sofia',
  'Jonas',
  'Hannah',
  'Felix',
  'Lea',
  'Noah',
  'Marie',
  'Elias',
  'Clara',
  'Ben',
  'Laura',
  'Finn',
  'Julia',
  'David',
  'Sarah',
  'Tom',
  'Nina',
  'Jan',
  'Olivia',
  'Max',
  'Emily',
  'Oliver',
  'Zoë',
  'Mehmet',
  'Ayşe',
  'Luca',
  'Chiara',
  'Piotr',
  'Agnieszka',
  'José',
  'Inês',
  'Yuki',
  'Priya',
  'Arjun',
  'Fatima',
  'Omar',
  'Grace',
  'Samuel',
  'Ingrid',
  'Lars',
  'Élodie',
  'Matthias',
  'Katharina',
  'Jürgen',
];
const LAST = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Koch',
  'Richter',
  'Klein',
  'Wolf',
  'Schröder',
  'Neumann',
  'Schwarz',
  'Braun',
  'Zimmermann',
  'Krüger',
  'Hartmann',
  'Lange',
  'Smith',
  'Jones',
  'Brown',
  'Taylor',
  'Wilson',
  'Yılmaz',
  'Kaya',
  'Rossi',
  'Bianchi',
  'Kowalski',
  'Nowak',
  'García',
  'Silva',
  'Tanaka',
  'Sato',
  'Patel',
  'Sharma',
  'Haddad',
  'Nielsen',
  'Dubois',
  'Lefèvre',
  'Huber',
  'Gruber',
  'Bauer',
  'Pichler',
  'Steiner',
  'Moser',
  'Mayer',
];
/**
 * First names for a guest whose drawn name an earlier guest already has. None is in FIRST (accents aside), so a
 * renamed guest never takes the name a later guest draws.
 */
const MORE_FIRST = `
  Sabine Thomas Stefan Andrea Michael Claudia Markus Petra Tobias Johanna Florian Franziska Sebastian Verena Moritz Theresa
  James Charlotte William Amelia Harry Isla George Ethan Chloe Daniel Rachel Kevin Siobhán Ciarán Niamh Aoife
  Camille Antoine Manon Hugo Mathilde Théo Julien Amélie Sanne Daan Femke Joost
  Giulia Marco Francesca Alessandro Matteo Valentina Lucía Carlos Carmen Javier Pilar Diego João Beatriz Rafael Mariana
  Katarzyna Tomasz Magdalena Krzysztof Zuzana Tomáš Milena Ivana Nikola Dmitri Olena Andriy Eleni Giorgos Dimitra
  Astrid Erik Sigrid Mikkel Henrik Linnea Aino Eero Elif Emre Zeynep Burak Selin
  Youssef Layla Karim Nour Amira Hassan Reza Darius Shirin Noa Yael Eitan Tamar
  Rohan Ananya Vikram Deepa Aisha Sanjay Kavya Imran Hiroshi Aiko Kenji Mei Wei Jia Min-jun Seo-yeon Takeshi Linh Minh
  Kwame Amara Chinedu Ngozi Thabo Zanele Kofi Abena Tendai Valeria Mateo Camila Santiago Ximena
`
  .trim()
  .split(/\s+/);
/** The share of repeated names that stay: a real company of 1,500 has a few namesakes, and the demo shows how the app
 *  tells them apart. */
const KEEP_NAMESAKE = 0.04;
const DEPARTMENTS = [
  'Engineering',
  'Sales',
  'Marketing',
  'Finance',
  'Human Resources',
  'Legal',
  'Operations',
  'Customer Success',
  'Research',
  'Logistics',
  'Executive Office',
  'IT',
];
const DIETARY = ['vegetarian', 'vegan', 'gluten-free', 'halal', 'kosher', 'nut allergy', 'lactose-free'];

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export interface DemoOptions {
  /** true (the default): rename most guests whose drawn name is taken. false: the demo as it was before, 701 of its
   *  1,500 guests sharing a name — only for the test that proves old demo events still fold as they did. */
  distinctNames?: boolean;
}

/**
 * The commands that build the demo plan: 3 rooms of physical tables, 150 logical tables (4 of them VIP,
 * placed by hand and locked — the tables the seed incident clobbered), 1,500 guests in departments and
 * parties, about three quarters of them seated. Pure: the same seed gives the same commands.
 *
 * Names are drawn from 50 first names and 50 surnames, so many repeat; when a guest's drawn name is taken, the guest
 * gets another first name (see MORE_FIRST), except for a few kept namesakes: about 2 % of the guests share a name.
 */
export function demoPlanCommands(seed = 2026, { distinctNames = true }: DemoOptions = {}): Command[] {
  const r = rng(seed);
  // Only for renames: the main sequence (ids, parties, departments, seats) is the same with or without them.
  const renames = rng(seed ^ 0x9e3779b9);
  const taken = new Set<string>();
  const out: Command[] = [{ type: 'createPlan', name: 'Company party 2026 (demo)' }];

  const rooms = [
    { id: 'room-ballroom', name: 'Grand Ballroom', prefix: 'B', count: 60 },
    { id: 'room-garden', name: 'Garden Hall', prefix: 'G', count: 52 },
    { id: 'room-terrace', name: 'Terrace', prefix: 'T', count: 44 },
  ];
  const physical: string[] = [];
  for (const room of rooms) {
    out.push({ type: 'addRoom', roomId: room.id, name: room.name });
    for (let i = 1; i <= room.count; i++) {
      const id = `pt-${room.prefix}${pad(i, 2)}`;
      physical.push(id);
      out.push({
        type: 'addPhysicalTable',
        physicalTableId: id,
        roomId: room.id,
        label: `${room.prefix}-${pad(i, 2)}`,
        capacity: i % 6 === 0 ? 12 : 10,
      });
    }
  }

  // 4 VIP tables on the first Ballroom tables, then 146 numbered tables.
  const tables: { id: string; capacity: number; vip: boolean }[] = [];
  for (let i = 1; i <= 4; i++) tables.push({ id: `t-vip${i}`, capacity: 8, vip: true });
  for (let i = 1; i <= 146; i++) tables.push({ id: `t-${pad(i, 3)}`, capacity: 10, vip: false });
  for (const t of tables) {
    const name = t.vip ? `VIP ${t.id.slice(5)}` : String(Number(t.id.slice(2)));
    out.push({ type: 'addTable', tableId: t.id, name, capacity: t.capacity, vip: t.vip });
  }

  // Guests come in parties of 1–4 from one department.
  const guests: { id: string; vip: boolean }[] = [];
  let n = 0;
  let party = 0;
  while (n < 1500) {
    party++;
    const size = Math.min(1 + r.int(4), 1500 - n);
    const last = r.pick(LAST);
    const department = n < 40 ? 'Executive Office' : r.pick(DEPARTMENTS);
    for (let k = 0; k < size; k++) {
      n++;
      let first = r.pick(FIRST);
      const surname = k === 0 || r.next() < 0.7 ? last : r.pick(LAST);
      if (distinctNames && taken.has(nameKey(first, surname)) && renames.next() >= KEEP_NAMESAKE) {
        do {
          first = renames.pick(MORE_FIRST);
        } while (taken.has(nameKey(first, surname)));
      }
      taken.add(nameKey(first, surname));
      const id = `g-${pad(n, 4)}`;
      const vip = n <= 32;
      guests.push({ id, vip });
      out.push({
        type: 'addGuest',
        guestId: id,
        name: `${first} ${surname}`,
        email: `${ascii(first)}.${ascii(last)}${n}@example.com`,
        party: size > 1 ? `Party ${pad(party, 3)} (${last})` : '',
        department,
        dietary: r.next() < 0.15 ? r.pick(DIETARY) : '',
        vip,
        notes: vip ? 'Board member — keep near the stage' : r.next() < 0.03 ? 'Wheelchair access' : '',
      });
    }
  }

  // Place tables: VIP tables by hand on B-01..B-04; 130 regular tables on the rest, 16 left unplaced.
  for (let i = 0; i < 4; i++) out.push({ type: 'mapTable', tableId: tables[i]!.id, physicalTableId: physical[i]! });
  const free = physical.slice(4);
  for (let i = free.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [free[i], free[j]] = [free[j]!, free[i]!];
  }
  for (let i = 4; i < 134; i++) out.push({ type: 'mapTable', tableId: tables[i]!.id, physicalTableId: free[i - 4]! });

  // Seat VIPs at VIP tables, then about three quarters of the rest, filling tables in order.
  let vipSeat = 0;
  let tableIndex = 4;
  let filled = 0;
  for (const g of guests) {
    if (g.vip) {
      out.push({ type: 'seatGuest', guestId: g.id, tableId: tables[Math.floor(vipSeat++ / 8)]!.id });
      continue;
    }
    if (r.next() < 0.25 || tableIndex >= tables.length) continue;
    const t = tables[tableIndex]!;
    out.push({ type: 'seatGuest', guestId: g.id, tableId: t.id });
    if (++filled >= t.capacity - r.int(3)) {
      tableIndex++;
      filled = 0;
    }
  }
  for (let i = 0; i < 4; i++) out.push({ type: 'lockTable', tableId: tables[i]!.id });
  return out;
}

/** A full name as the app compares names (guest-labels.ts): case and accents aside. */
function nameKey(first: string, surname: string) {
  return foldText(`${first} ${surname}`);
}

function ascii(s: string) {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}
