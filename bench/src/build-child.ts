import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { bundleOptions } from '../../apps/server/bundle-options.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverSrc = path.join(here, '..', '..', 'apps', 'server', 'src');
export const compiledChild = path.join(here, '..', 'dist', 'server-child.mjs');

/**
 * npm packages stay imports, by the absolute file esbuild resolved for them from their importer (pnpm gives each
 * package its own dependencies, which bench/ does not all declare).
 */
const npmByPath: Plugin = {
  name: 'npm-by-path',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('node:') || args.path.startsWith('@seatfold/') || (args.pluginData as { inner?: boolean } | undefined)?.inner)
        return undefined;
      const r = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { inner: true } });
      if (r.errors.length) return { errors: r.errors };
      return r.external || !r.path ? { path: args.path, external: true } : { path: pathToFileURL(r.path).href, external: true };
    });
  },
};

/**
 * Compiles the bench's server child (server-child.ts and the Seatfold server code it runs) into dist/, as
 * apps/server/build.mjs compiles the production server: the servers under test run compiled JavaScript, as in
 * production, not through tsx (whose transform adds its own helpers to every function). The server's worker threads
 * go beside it, where the server looks for them. Under a second; done once per bench process, so it is never stale.
 */
export async function buildServerChild(): Promise<string> {
  await build({
    entryPoints: {
      'server-child': path.join(here, 'server-child.ts'),
      'parse-worker': path.join(serverSrc, 'parse-worker.ts'),
      'file-worker': path.join(serverSrc, 'file-worker.ts'),
    },
    outdir: path.dirname(compiledChild),
    ...bundleOptions,
    plugins: [npmByPath],
  });
  return compiledChild;
}
