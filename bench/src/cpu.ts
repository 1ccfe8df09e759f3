import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU accounting from /proc (Linux): the whole machine, PostgreSQL's processes, and this process, so a run can say
 * where the two cores went (server child, clients in this process, PostgreSQL, everything else).
 */
const TICK_MS = 10; // USER_HZ = 100 on Linux

function machineTicks(): { busy: number; total: number; iowait: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, _idle, iowait, irq, softirq, steal] = cpu;
  return { busy: user! + nice! + system! + irq! + softirq! + steal!, total: cpu.reduce((a, b) => a + b, 0), iowait: iowait! };
}

/** CPU ticks per PostgreSQL process (by pid), so processes that end meanwhile do not make the sum go backwards. */
function postgresTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (comm !== 'postgres') continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12])); // utime, stime
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}

export interface CpuShare {
  /** percent of one core, averaged over the interval */
  machine: number;
  postgres: number;
  harness: number;
  /** percent of the interval the CPUs sat idle waiting for I/O (of one core) */
  iowait: number;
}

export function cpuMeter(): () => CpuShare {
  const m0 = machineTicks();
  const pg0 = postgresTicks();
  const h0 = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const m1 = machineTicks();
    const ms = performance.now() - t0;
    const h = process.cpuUsage(h0);
    const pct = (ticks: number) => ((ticks * TICK_MS) / ms) * 100;
    return {
      machine: pct(m1.busy - m0.busy),
      postgres: pct([...postgresTicks()].reduce((sum, [pid, t]) => sum + t - (pg0.get(pid) ?? 0), 0)),
      harness: ((h.user + h.system) / 1000 / ms) * 100,
      iowait: pct(m1.iowait - m0.iowait),
    };
  };
}
