#!/usr/bin/env node
// Regenerates the README's command reference (npm run docs).
import { register } from 'tsx/esm/api';

register();
const { readmePath, readmeWithReference } = await import('../cli/reference.ts');
const { readFileSync, writeFileSync } = await import('node:fs');
const path = readmePath();
writeFileSync(path, await readmeWithReference(readFileSync(path, 'utf8')));
console.log(`updated the command reference in ${path}`);
