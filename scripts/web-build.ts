// Builds the web form and the status page: esbuild bundles (minified, content-hashed names) and the two HTML
// pages pointing at them. The local twin serves the result from memory; `tsx scripts/web-build.ts <dir>` writes it
// (with manifest.json) for the web Lambda function's bundle.
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { WebAsset } from '#functions/http/web.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WEB = join(ROOT, 'web');

/** Path served → asset, e.g. `/` → index.html, `/assets/form-3FQX2K.js` → the form script. */
export async function buildWeb(): Promise<Map<string, WebAsset>> {
  const result = await build({
    entryPoints: {
      form: join(WEB, 'form.ts'),
      status: join(WEB, 'status.ts'),
      styles: join(WEB, 'styles.css'),
    },
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    entryNames: '[name]-[hash]',
    outdir: '/assets',
    write: false,
    absWorkingDir: ROOT,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const assets = new Map<string, WebAsset>();
  const names = new Map<string, string>();
  for (const file of result.outputFiles) {
    const name = basename(file.path);
    const logical = `${name.split('-')[0]}${name.endsWith('.css') ? '.css' : '.js'}`;
    names.set(logical, `/assets/${name}`);
    assets.set(`/assets/${name}`, {
      body: file.text,
      contentType: name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
      kind: 'asset',
    });
  }
  for (const [path, page] of [
    ['/', 'index.html'],
    ['/status', 'status.html'],
  ] as const) {
    const html = readFileSync(join(WEB, page), 'utf8').replace(
      /\{\{([\w.]+)\}\}/g,
      (whole, logical: string) => {
        const target = names.get(logical);
        if (!target) throw new Error(`${page}: no asset ${whole}`);
        return target;
      },
    );
    assets.set(path, { body: html, contentType: 'text/html; charset=utf-8', kind: 'page' });
  }
  return assets;
}

/** Writes the assets under `dir` with a manifest.json the web function reads at cold start. */
export async function writeWeb(dir: string): Promise<void> {
  const assets = await buildWeb();
  const manifest: Record<string, { file: string; contentType: string; kind: WebAsset['kind'] }> = {};
  let n = 0;
  for (const [path, asset] of assets) {
    const file = `${n++}-${path === '/' ? 'index' : basename(path) || 'page'}`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, file), asset.body);
    manifest[path] = { file, contentType: asset.contentType, kind: asset.kind };
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
}

const invokedDirectly = process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: tsx scripts/web-build.ts <output directory>');
    process.exit(2);
  }
  mkdirSync(dirname(target), { recursive: true });
  await writeWeb(target);
}
