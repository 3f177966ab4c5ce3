// Where the project's own files live, independent of the current directory.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
export const sqlDir = join(projectRoot, 'sql');
export const configDir = join(projectRoot, 'config');
