// Reading a JSON configuration file against its schema, with one error shape for every build input:
// the file's path, then each problem as `field: message`.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export function parseConfigFile<S extends z.ZodType>(path: string, schema: S): z.infer<S> {
  try {
    return schema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (e) {
    const why = e instanceof z.ZodError ? e.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') : (e as Error).message;
    throw new Error(`${path}: ${why}`);
  }
}
