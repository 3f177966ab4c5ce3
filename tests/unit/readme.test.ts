import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readmePath, readmeWithReference } from '../../cli/reference.ts';

it('README holds the current command reference (run `npm run docs` after changing a command)', async () => {
  const readme = readFileSync(readmePath(), 'utf8');
  expect(readme).toBe(await readmeWithReference(readme));
  expect(readme).toContain('npm install && npm start');
  expect(readme).toContain('npm test');
});
