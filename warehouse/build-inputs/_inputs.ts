// Finds the build inputs: every other module of this folder not starting with `_` exports `load`.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BuildInput } from './_input.ts';

const inputsDir = fileURLToPath(new URL('.', import.meta.url));

export async function loadBuildInputs(): Promise<{ name: string; input: BuildInput }[]> {
  const files = readdirSync(inputsDir)
    .filter((f) => f.endsWith('.ts') && !f.startsWith('_') && !f.endsWith('.test.ts'))
    .sort();
  const inputs = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(inputsDir, f)).href)) as Partial<BuildInput>;
    if (typeof mod.load !== 'function') throw new Error(`warehouse/build-inputs/${f}: no exported load(wh, opts)`);
    inputs.push({ name: f.slice(0, -3), input: mod as BuildInput });
  }
  return inputs;
}
