import { describe, expect, it } from 'vitest';
import { BOOT_MODULES } from '../boot-modules.ts';

/**
 * What the page's first bundle evaluates: every module main.tsx and boot.ts reach through static imports (a dynamic
 * `import()` starts a chunk of its own, loaded later). zod and the schemas it builds cost ~60 ms of the first render
 * (docs/performance.md), so none of them may be reached: the checks load on demand (app/validation.ts).
 */
const sources = {
  ...import.meta.glob<string>('./**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob<string>('../../../packages/{domain,sync,solver}/src/**/*.ts', { query: '?raw', import: 'default', eager: true }),
};
/** The workspace's entries, as their package.json files export them. */
const PACKAGES: Record<string, string> = {
  '@seatfold/domain': '../../../packages/domain/src/index.ts',
  '@seatfold/domain/core': '../../../packages/domain/src/core.ts',
  '@seatfold/domain/validation': '../../../packages/domain/src/validation.ts',
  '@seatfold/sync': '../../../packages/sync/src/index.ts',
  '@seatfold/solver': '../../../packages/solver/src/index.ts',
};

/** `a/b/../c` → `a/c`, keeping leading `..`s. */
function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '.' || part === '') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out[0] === '..' ? out.join('/') : `./${out.join('/')}`;
}

/** The modules a module loads when it runs: its `import … from`, `export … from` and bare imports, not the type-only ones. */
function staticImports(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?[^'";]*?\bfrom\s+'([^']+)'/gm)) if (!m[1]) found.push(m[2]!);
  for (const m of text.matchAll(/^import\s+'([^']+)'/gm)) found.push(m[1]!);
  return found;
}

/** Every module reached from the entries, each with the chain of imports that reaches it. */
function reached(entries: string[]): Map<string, string[]> {
  const seen = new Map<string, string[]>(entries.map((e) => [e, [e]]));
  const todo = [...entries];
  while (todo.length) {
    const file = todo.pop()!;
    const text = sources[file];
    if (text === undefined) continue; // a package outside the workspace, or a stylesheet: a leaf
    for (const spec of staticImports(text)) {
      const target = spec.startsWith('.') ? normalise(`${file.slice(0, file.lastIndexOf('/'))}/${spec}`) : (PACKAGES[spec] ?? spec);
      if (seen.has(target)) continue;
      seen.set(target, [...seen.get(file)!, target]);
      todo.push(target);
    }
  }
  return seen;
}

describe('the first bundle', () => {
  const graph = reached(['./main.tsx', './boot.ts']);

  it('reaches no zod and none of the domain’s or the protocol’s schemas', () => {
    const schemas = (m: string) =>
      m === 'zod' || m.startsWith('zod/') || m.endsWith('/domain/src/validation.ts') || m.endsWith('/sync/src/protocol/schemas.ts');
    expect([...graph.keys()].filter(schemas).map((m) => graph.get(m)!.join(' → '))).toEqual([]);
  });

  it('is walked for real: it reaches the board, the domain’s core and the sync client', () => {
    for (const m of ['./ui/TableCard.tsx', '../../../packages/domain/src/evolve.ts', '../../../packages/sync/src/client-state.ts'])
      expect(graph.has(m), m).toBe(true);
    // and the checks are reachable, lazily: a dynamic import is not followed
    expect(graph.has('./app/validation.ts')).toBe(true);
  });

  it("keeps boot's own modules, and only those, out of the first paint's chunk (vite.config.ts)", () => {
    const own = (graph: Map<string, string[]>) => [...graph.keys()].filter((f) => f.startsWith('./'));
    const boot = own(reached(['./boot.ts']));
    const asId = (f: string) => `/repo/apps/web/src/${f.slice(2)}`; // as the bundler names a module
    expect(boot.length).toBeGreaterThan(1);
    for (const f of boot) expect(BOOT_MODULES.test(asId(f)), `${f} is boot's but not in BOOT_MODULES`).toBe(true);
    for (const f of own(graph)) if (!boot.includes(f)) expect(BOOT_MODULES.test(asId(f)), `${f} is not boot's`).toBe(false);
  });
});
