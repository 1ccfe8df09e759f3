import type { ScenarioResult } from './scenario.ts';

const fmt = (x: number) => {
  if (!Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  return x.toFixed(2);
};

interface Line {
  measure: string;
  unit: string;
  median: string;
  p95: string;
  p99: string;
  range: string;
  n: string;
}

function lines(results: ScenarioResult[]): (Line | string)[] {
  const out: (Line | string)[] = [];
  for (const s of results) {
    out.push(`${s.title}${s.status === 'ok' ? '' : ` — ${s.status.toUpperCase()}: ${s.reason}`} (${s.seconds.toFixed(0)} s)`);
    for (const row of s.rows) {
      const m = row.summary;
      out.push({
        measure: row.label,
        unit: row.unit,
        median: fmt(m.median),
        p95: row.latency ? fmt(m.p95) : '',
        p99: row.latency ? fmt(m.p99) : '',
        range: `${fmt(m.min)}–${fmt(m.max)}`,
        n: String(m.n),
      });
    }
  }
  return out;
}

const HEAD: Line = { measure: 'measure', unit: 'unit', median: 'median', p95: 'p95', p99: 'p99', range: 'min–max', n: 'n' };
const KEYS = Object.keys(HEAD) as (keyof Line)[];

/** The results as a fixed-width text table, for the terminal. */
export function textTable(results: ScenarioResult[]): string {
  const ls = lines(results);
  const rows = ls.filter((l): l is Line => typeof l !== 'string');
  const width = Object.fromEntries(KEYS.map((k) => [k, Math.max(HEAD[k].length, ...rows.map((r) => r[k].length))])) as Record<keyof Line, number>;
  const show = (l: Line) => KEYS.map((k) => (k === 'measure' || k === 'unit' ? l[k].padEnd(width[k]) : l[k].padStart(width[k]))).join('  ');
  const rule = '-'.repeat(show(HEAD).length);
  const out = [show(HEAD), rule];
  for (const l of ls) out.push(typeof l === 'string' ? `\n${l}` : show(l));
  return out.join('\n');
}

/** The same table as Markdown, for docs/performance.md. */
export function markdownTable(results: ScenarioResult[]): string {
  const out = [`| ${KEYS.map((k) => HEAD[k]).join(' | ')} |`, `|${KEYS.map((k) => (k === 'measure' || k === 'unit' ? '---' : '---:')).join('|')}|`];
  for (const l of lines(results)) {
    out.push(typeof l === 'string' ? `| **${l}** |${' |'.repeat(KEYS.length - 1)}` : `| ${KEYS.map((k) => l[k]).join(' | ')} |`);
  }
  return out.join('\n');
}

export function checkLines(results: ScenarioResult[]): string[] {
  const out: string[] = [];
  for (const s of results) {
    for (const c of s.checks) {
      out.push(`${c.met ? 'MET    ' : 'NOT MET'}  ${c.label}: ${fmt(c.value)} ${c.unit} (target ${c.op} ${fmt(c.threshold)})`);
      if (c.floor) out.push(`         beside it, ${c.floor.label}: ${fmt(c.floor.value)} ${c.unit} (${floorVerdict(c)})`);
    }
    if (s.status !== 'ok') out.push(`${s.status.toUpperCase().padEnd(7)}  ${s.title}: ${s.reason}`);
  }
  return out;
}

/** What the floor beside a target says about it: a target the floor misses is out of reach of any server on this machine. */
function floorVerdict(c: ScenarioResult['checks'][number]): string {
  if (!c.floor) return '';
  if (!c.floor.met) return 'the floor misses it too';
  return c.met ? 'meets it' : "meets it: the gap is Seatfold's own";
}
