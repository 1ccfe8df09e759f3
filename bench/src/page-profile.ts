/** A page's CPU profile as Chromium's DevTools protocol returns it (Profiler.stop). */
export interface PageProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time by function (ms, idle left out), most first, summed over the profiles; and their total. */
export function pageSelfTimes(profiles: readonly PageProfile[]): { busy: number; rows: [string, number][] } {
  const self = new Map<string, number>();
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, k) => {
      const f = byId.get(id)!.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000);
    });
  }
  const rows = [...self].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]);
  return { busy: rows.reduce((a, [, v]) => a + v, 0), rows };
}
