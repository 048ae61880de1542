// Builds the console into dist/console (served by the reporting app at /console): one small entry
// chunk for first paint, ECharts in its own chunk loaded by the dashboard only. Prints the sizes.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const outdir = join(root, 'dist', 'console');
const assets = join(outdir, 'assets');

// No wipe first: a running server (or a test) keeps serving while another build writes the same
// content-hashed names; index.html is swapped in whole, then files of older builds are removed.
await mkdir(assets, { recursive: true });

const result = await build({
  entryPoints: { main: join(here, 'src', 'main.tsx') },
  outdir: assets,
  bundle: true,
  splitting: true,
  format: 'esm',
  target: ['es2020', 'chrome90', 'firefox90', 'safari15'],
  minify: true,
  sourcemap: 'linked',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  entryNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
  assetNames: '[name]-[hash]',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
});

const outputs = Object.entries(result.metafile.outputs).filter(([file]) => !file.endsWith('.map'));
const entry = outputs.find(([, meta]) => meta.entryPoint);
const js = entry[0];
const css = entry[1].cssBundle;
const url = (file) => `/console/${relative(outdir, join(root, file)).split('\\').join('/')}`;
const html = (await readFile(join(here, 'index.html'), 'utf8'))
  .replace('%JS%', url(js))
  .replace('%CSS%', url(css));
const staged = join(outdir, `index.html.${process.pid}`);
await writeFile(staged, html);
await rename(staged, join(outdir, 'index.html'));
const current = new Set(Object.keys(result.metafile.outputs).map((file) => join(root, file)));
for (const name of await readdir(assets)) {
  if (!current.has(join(assets, name))) await rm(join(assets, name), { force: true });
}

const sizes = [];
for (const [file] of outputs.filter(([file]) => /\.(js|css)$/.test(file))) {
  const bytes = await readFile(join(root, file));
  sizes.push({ file: url(file), bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
}
const firstPaint = sizes.filter(
  (s) =>
    s.file === url(js) ||
    s.file === url(css) ||
    result.metafile.outputs[js].imports.some((i) => !i.kind.includes('dynamic') && url(i.path) === s.file),
);
await writeFile(join(outdir, 'bundle-sizes.json'), `${JSON.stringify({ files: sizes }, null, 2)}\n`);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
for (const s of sizes) process.stdout.write(`console: ${s.file} ${kb(s.bytes)} (gzip ${kb(s.gzip)})\n`);
const total = firstPaint.reduce((sum, s) => sum + s.gzip, 0);
process.stdout.write(`console: first paint ${kb(total)} gzip; built in dist/console\n`);
