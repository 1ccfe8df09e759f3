// How the server is compiled for production (build.mjs). The bench compiles its server child with the same options
// (bench/src/build-child.ts), so what it measures is what ships.
export const bundleOptions = {
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  // Mappings only: `--enable-source-maps` (the start script) parses and keeps the whole map in the heap, and stack
  // traces need no copy of the sources (−0.5 MB of strings, the map 779 → 247 kB).
  sourcesContent: false,
  logLevel: 'warning',
};
