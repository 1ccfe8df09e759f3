// Compiles the server for production: src/main.ts → dist/main.mjs (and the worker threads src/parse-worker.ts and
// src/file-worker.ts → dist/*.mjs when they exist). Workspace packages (@seatfold/*) are bundled; npm packages
// stay external and are loaded from node_modules at run time, so each must be a dependency of apps/server — the
// build fails otherwise.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions } from './bundle-options.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(here, 'package.json'), 'utf8'));
const declared = new Set(Object.keys(pkg.dependencies ?? {}));
const entries = ['main', 'parse-worker', 'file-worker'].filter((name) => existsSync(path.join(here, 'src', `${name}.ts`)));
const undeclared = new Set();

/** npm imports stay imports; an npm package apps/server does not declare would not resolve at run time. */
const npmExternal = {
  name: 'npm-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || args.path.startsWith('@seatfold/')) return undefined;
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      if (!declared.has(name) && !isBuiltin(name)) undeclared.add(name);
      return { path: args.path, external: true };
    });
  },
};
const builtins = new Set((await import('node:module')).builtinModules);
const isBuiltin = (name) => builtins.has(name);

await build({
  entryPoints: Object.fromEntries(entries.map((name) => [name, path.join(here, 'src', `${name}.ts`)])),
  outdir: path.join(here, 'dist'),
  ...bundleOptions,
  plugins: [npmExternal],
});
if (undeclared.size) {
  process.stderr.write(
    `[seatfold] the server bundle imports npm packages apps/server does not declare: ${[...undeclared].join(', ')}. Add them to apps/server/package.json.\n`,
  );
  process.exit(1);
}
process.stdout.write(`[seatfold] built ${entries.map((e) => `dist/${e}.mjs`).join(' and ')}\n`);
