// The shape of a build input: every other module in this folder exports `load`, which creates a
// cfg_* table from a configuration file before the models run. The build runs the inputs with an
// in-memory database as the default one and copies their tables in with the models, all at once:
// a bad file fails the build, a killed build leaves the previous cfg_* in place. Files starting
// with `_` are helpers, not inputs.
import type { Warehouse } from '../db.ts';

export interface BuildInputOptions {
  /** Folder holding the configuration files (default: the project's config/). */
  configDir: string;
}

export interface BuildInputResult {
  /** The cfg_* table written. */
  table: string;
  rows: number;
  /** The file it came from. */
  source: string;
}

export interface BuildInput {
  load(wh: Warehouse, opts: BuildInputOptions): Promise<BuildInputResult | BuildInputResult[] | void>;
}
