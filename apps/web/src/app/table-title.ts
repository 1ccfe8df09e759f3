/**
 * A table as a badge or label names it: "Table 12", "Table VIP" — but a name that says "table" itself ("Head table",
 * "Kindertisch") as it is, never "Table Head table".
 */
export function tableTitle(name: string): string {
  return /table|tisch|mesa|tavolo/i.test(name) ? name : `Table ${name}`;
}
