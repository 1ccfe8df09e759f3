import type { SeatingModel } from './seating.ts';

/**
 * Meal counts for the caterer. A guest's free-text dietary needs ("Vegan, no nuts", "végétarien", "Glutenfrei")
 * are read into known categories, case- and accent-insensitively; a part that names no category is kept as its
 * own line with the planner's words. An empty field (or "none", "standard", "-") is a standard meal.
 */
export const MEAL_CATEGORIES = [
  { key: 'vegetarian', label: 'Vegetarian' },
  { key: 'vegan', label: 'Vegan' },
  { key: 'pescatarian', label: 'Pescatarian' },
  { key: 'gluten-free', label: 'Gluten-free' },
  { key: 'lactose-free', label: 'Lactose-free' },
  { key: 'no-nuts', label: 'No nuts' },
  { key: 'halal', label: 'Halal' },
  { key: 'kosher', label: 'Kosher' },
] as const;

export type MealCategory = (typeof MEAL_CATEGORIES)[number]['key'];

/** Letters whose mark is part of the letter (NFD leaves them whole), as a planner types them on a plain keyboard. */
const PLAIN: Readonly<Record<string, string>> = {
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŋ: 'n',
};

/**
 * Case- and accent-insensitive form of a text (also used by the search): "Łukasz Żółć" → "lukasz zolc", "Guðmundsdóttir"
 * → "gudmundsdottir". (Names compared for uniqueness use import/normalize's matchKey, which keeps ł and l apart.)
 */
export const foldText = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[łđðøæœßþıħŧŋ]/g, (c) => PLAIN[c]!);

// Tested in order: vegan before vegetarian ("vegane Kost" is vegan), each on the folded text of one part.
const PATTERNS: [MealCategory, RegExp][] = [
  ['vegan', /\bvegan|\bvegetalien/],
  ['vegetarian', /\bveg(etari|gi)|lacto-?ovo|ovo-?lacto/],
  ['pescatarian', /\bpesc|\bfish only|\bpisc/],
  ['gluten-free', /gluten|c(o|oe)liac|zoliakie|\bgf\b/],
  ['lactose-free', /lactose|laktose|dairy|\bmilk|milch/],
  ['no-nuts', /\bnut|nuss|peanut|erdnuss|\bnoix|arachide/],
  ['halal', /\bhalal/],
  ['kosher', /\bkosher|\bkoscher|\bcasher/],
];
const STANDARD_WORDS = new Set(['', '-', '–', 'none', 'no', 'n/a', 'na', 'standard', 'normal', 'regular', 'keine', 'kein', 'nein', 'ohne']);

export interface DietaryReading {
  categories: MealCategory[];
  /** parts naming no known category, as written (trimmed) */
  other: string[];
}

/** Reads one guest's dietary text: its known categories (each once) and the parts left over. */
export function readDietary(text: string): DietaryReading {
  const categories = new Set<MealCategory>();
  const other: string[] = [];
  for (const raw of text.split(/[,;/+&\n]|\s+(?:and|und|et)\s+/i)) {
    const part = raw.trim();
    const folded = foldText(part).replace(/\s+/g, ' ');
    if (STANDARD_WORDS.has(folded)) continue;
    let found = PATTERNS.filter(([, re]) => re.test(folded)).map(([key]) => key);
    // "Vegetarian or vegan" in one part is one vegan meal, not two.
    if (found.includes('vegan')) found = found.filter((k) => k !== 'vegetarian');
    if (found.length) found.forEach((k) => categories.add(k));
    else other.push(part);
  }
  return { categories: MEAL_CATEGORIES.map((c) => c.key).filter((k) => categories.has(k)), other };
}

export interface MealCounts {
  guests: number;
  /** guests with no dietary need */
  standard: number;
  /** guests per known category (a guest may count in several) */
  categories: Record<MealCategory, number>;
  /** free-text needs, one line per distinct text (case- and accent-insensitively), most frequent first */
  other: { label: string; count: number }[];
  /**
   * guests with more than one need, by the needs they combine ("Vegan + Gluten-free"), most frequent first: each is
   * counted under every need it names above, but is one meal that meets them all
   */
  combined: { label: string; count: number }[];
}

const noCategories = (): Record<MealCategory, number> => Object.fromEntries(MEAL_CATEGORIES.map((c) => [c.key, 0])) as Record<MealCategory, number>;

/** Counts the meals of some guests. */
export function countMeals(guests: Iterable<{ dietary: string }>): MealCounts {
  const counts: MealCounts = { guests: 0, standard: 0, categories: noCategories(), other: [], combined: [] };
  const other = new Map<string, { label: string; count: number }>();
  const combined = new Map<string, { label: string; count: number }>();
  const tally = (lines: typeof other, key: string, label: string) => (lines.get(key) ?? lines.set(key, { label, count: 0 }).get(key)!).count++;
  for (const g of guests) {
    counts.guests++;
    const r = readDietary(g.dietary);
    if (r.categories.length === 0 && r.other.length === 0) counts.standard++;
    for (const k of r.categories) counts.categories[k]++;
    const others = r.other.map((text) => ({ text, key: foldText(text).replace(/\s+/g, ' ') }));
    for (const o of others) tally(other, o.key, o.text);
    if (r.categories.length + others.length > 1) {
      // the categories in their fixed order, then the planner's words in theirs: "Vegan + Gluten-free + no pork"
      const parts = [...r.categories.map(mealLabel), ...others.map((o) => o.text)];
      tally(combined, [...r.categories, ...others.map((o) => o.key)].join('+'), parts.join(' + '));
    }
  }
  const byCount = (lines: typeof other) => [...lines.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  counts.other = byCount(other);
  counts.combined = byCount(combined);
  return counts;
}

export interface CateringTable {
  id: string;
  name: string;
  room: string | null;
  physical: string | null;
  counts: MealCounts;
}

export interface CateringSummary {
  total: MealCounts;
  /** tables in print order: room by room, physical tables by label, then tables not placed */
  tables: CateringTable[];
  /** guests without a seat: their meals are not on any table yet */
  unseated: MealCounts;
  /** the known categories anybody needs, in the fixed order (the columns worth showing) */
  used: MealCategory[];
}

/** Per table, unseated and in total: what the kitchen has to cook. From the one export model. */
export function cateringSummary(m: SeatingModel): CateringSummary {
  const placed = m.rooms.flatMap((r) => r.physicalTables.flatMap((p) => (p.table ? [p.table] : [])));
  const tables = [...placed, ...m.unplacedTables].map((t) => ({
    id: t.id,
    name: t.name,
    room: t.room,
    physical: t.physical,
    counts: countMeals(t.guests),
  }));
  const total = countMeals(m.guests);
  const unseated = countMeals(m.guests.filter((g) => !g.table));
  return { total, tables, unseated, used: MEAL_CATEGORIES.map((c) => c.key).filter((k) => total.categories[k] > 0) };
}

export const mealLabel = (k: MealCategory) => MEAL_CATEGORIES.find((c) => c.key === k)!.label;

const linesText = (lines: { label: string; count: number }[]) => lines.map((o) => `${o.count}× ${o.label}`).join(', ');

/** The free-text needs of some counts as one line: "2× no pork, 1× low salt". */
export const otherNeedsText = (c: MealCounts) => linesText(c.other);

/** The meals that meet several needs at once, as one line: "2× Vegan + Gluten-free, 1× Halal + No nuts". */
export const combinedNeedsText = (c: MealCounts) => linesText(c.combined);
