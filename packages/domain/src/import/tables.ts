import type { PlanState } from '../model.ts';
import { cleanCell, tableKey } from './normalize.ts';

/** The seat count offered for tables an import creates: the plan's most common capacity, else 10. */
export function usualCapacity(state: PlanState): number {
  const seen = new Map<number, number>();
  for (const t of Object.values(state.tables)) seen.set(t.capacity, (seen.get(t.capacity) ?? 0) + 1);
  let best = 10;
  let most = 0;
  for (const [capacity, n] of seen) if (n > most || (n === most && capacity < best)) [best, most] = [capacity, n];
  return best;
}

/**
 * Names a table an import creates the way the planner's other tables are named: with tables "Table 1", "Table 2"
 * a file's "05" becomes "Table 5"; with "T01"… it becomes "T05"; in a plan without numbered tables it is "5".
 * A name that is not a number keeps the file's spelling.
 */
export function tableNamer(state: PlanState): (fileText: string) => string {
  const styles = new Map<string, { prefix: string; width: number; suffix: string; n: number }>();
  for (const t of Object.values(state.tables)) {
    const m = /^(\D*?)(\d+)(\D*)$/.exec(t.name);
    if (!m) continue;
    // The regex has three groups that always take part in a match, so each is a (possibly empty) string.
    const [, prefix = '', digits = '', suffix = ''] = m;
    const width = digits.length > 1 && digits.startsWith('0') ? digits.length : 0;
    const sig = `${prefix}\u0000${width}\u0000${suffix}`;
    const s = styles.get(sig) ?? { prefix, width, suffix, n: 0 };
    s.n++;
    styles.set(sig, s);
  }
  const style = [...styles.values()].sort((a, b) => b.n - a.n)[0];
  return (fileText) => {
    const key = tableKey(fileText);
    if (!/^\d+$/.test(key)) return cleanCell(fileText);
    if (!style) return key;
    return `${style.prefix}${key.padStart(style.width, '0')}${style.suffix}`;
  };
}
