// Programmatic build of the dashboard into web/dist, used by `jixiao start` when web/dist is
// missing or older than the sources (see `isWebStale`). `vite build --config web/vite.config.ts`
// does the same from the command line.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const webRoot = fileURLToPath(new URL('.', import.meta.url));
export const webDist = join(webRoot, 'dist');
const configFile = join(webRoot, 'vite.config.ts');

/** Builds web/dist. Quiet unless `log` is set; throws on a build error. */
export async function buildWeb(opts: { log?: boolean; outDir?: string } = {}): Promise<{ outDir: string; ms: number }> {
  const started = performance.now();
  const { build } = await import('vite');
  const outDir = opts.outDir ?? webDist;
  await build({ configFile, root: webRoot, logLevel: opts.log ? 'info' : 'warn', build: { outDir, emptyOutDir: true } });
  return { outDir, ms: performance.now() - started };
}

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** True when web/dist has no index.html or a source (web/src, index.html, config, glossary) is newer. */
export function isWebStale(outDir = webDist): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = [join(webRoot, 'src'), join(webRoot, 'index.html'), join(webRoot, 'public'), configFile, join(webRoot, '..', 'config', 'glossary.json')];
  return sources.some((s) => existsSync(s) && newestMtime(s) > built);
}
