/**
 * A printed table list is read at the door: a guest says their name and staff look for it. So the list runs
 * alphabetically by name (the reader's language's collation: "Ärzte" beside "Arzt", "Łukasz" with the L's, "anna"
 * beside "Anna", "Gast 2" before "Gast 10"), each guest keeping the seat they sit on (their place in the table's
 * seating order, 1-based), so nothing the seating-order list said is lost.
 */
export function doorOrder<G extends { name: string }>(guests: readonly G[], locale?: string): { guest: G; seat: number }[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  return guests
    .map((guest, i) => ({ guest, seat: i + 1 }))
    .sort((a, b) => collator.compare(a.guest.name.trim(), b.guest.name.trim()) || a.seat - b.seat);
}
