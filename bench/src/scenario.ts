import { summarize, type Summary } from './stats.ts';

/** One line of the results table. Latency rows summarise every sample; rate rows summarise one value per run. */
export interface Row {
  label: string;
  unit: string;
  summary: Summary;
  /** latency rows show p95/p99; the others show the spread of the per-run values only */
  latency?: boolean;
  note?: string;
}

export interface Check {
  label: string;
  value: number;
  op: '>=' | '<=';
  threshold: number;
  unit: string;
  met: boolean;
  /**
   * The same measure for the physical floor in the same run (issue #14: a target not met is judged beside it): what
   * a server doing none of Seatfold's own work reached, and whether that meets the target.
   */
  floor?: { label: string; value: number; met: boolean };
}

export interface ScenarioResult {
  id: string;
  title: string;
  status: 'ok' | 'not run' | 'failed';
  reason?: string;
  seconds: number;
  rows: Row[];
  checks: Check[];
  /** what the server did meanwhile (group commit, broadcasts, CPU), and other observations */
  details: Record<string, unknown>;
  notes: string[];
}

export interface Context {
  /** repetitions per scenario (each repetition alternates the compared systems) */
  reps: number;
  quick: boolean;
  /** write a CPU profile of the server child process (bench/results/profiles) */
  profile: boolean;
  progress: (msg: string) => void;
}

export interface Scenario {
  id: string;
  title: string;
  run(ctx: Context, r: ResultBuilder): Promise<void>;
}

export class ResultBuilder {
  readonly rows: Row[] = [];
  readonly checks: Check[] = [];
  readonly details: Record<string, unknown> = {};
  readonly notes: string[] = [];
  skipped: string | null = null;

  /** a row summarising per-run values (rates, durations, memory) */
  perRun(label: string, unit: string, values: number[], note?: string) {
    this.rows.push({ label, unit, summary: summarize(values), note });
    return summarize(values);
  }

  /** a row summarising latency samples pooled over all runs */
  latency(label: string, samples: number[], note?: string) {
    this.rows.push({ label, unit: 'ms', summary: summarize(samples), latency: true, note });
    return summarize(samples);
  }

  check(label: string, value: number, op: '>=' | '<=', threshold: number, unit: string, floor?: { label: string; value: number }) {
    const meets = (x: number) => (op === '>=' ? x >= threshold : x <= threshold);
    this.checks.push({ label, value, op, threshold, unit, met: meets(value), ...(floor ? { floor: { ...floor, met: meets(floor.value) } } : {}) });
  }

  notRun(reason: string) {
    this.skipped = reason;
  }
}

/** Runs `steps` in a rotating order per repetition, so no system always goes first (caches, autovacuum, noise). */
export async function alternate(reps: number, steps: [string, (rep: number) => Promise<void>][], progress: (m: string) => void) {
  for (let rep = 0; rep < reps; rep++) {
    const order = steps.map((_, i) => steps[(i + rep) % steps.length]!);
    for (const [name, step] of order) {
      progress(`  run ${rep + 1}/${reps}: ${name}`);
      await step(rep);
    }
  }
}
