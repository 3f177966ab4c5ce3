// The shape of one `jixiao` subcommand. Each file in cli/commands/ default-exports one of these;
// cli/main.ts finds them there, so adding a command never edits a shared registry.
import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & {
  /** One line for --help, e.g. "FILE  warehouse file (default: $JIXIAO_DB or data/jixiao.duckdb)". */
  help: string;
};

export interface CommandContext {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  /** Where human-readable output goes (stdout); progress goes to stderr. */
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export interface Command {
  name: string;
  /** One line shown by `jixiao --help`. */
  summary: string;
  /** Usage line after the command name, e.g. "<folder> [options]". */
  usage: string;
  /** Longer description shown by `jixiao <name> --help`. */
  description?: string;
  options: Record<string, OptionSpec>;
  /** Allow positional arguments (default false). */
  positionals?: boolean;
  /** Returns the process exit status: 0 success, 1 refused/failed, 2 bad usage. */
  run(ctx: CommandContext): Promise<number>;
}

/** Thrown for bad usage; main prints the message and the command's usage and exits 2. */
export class UsageError extends Error {}

export const dbOption: OptionSpec = {
  type: 'string',
  help: 'FILE  warehouse file (default: $JIXIAO_DB, else data/jixiao.duckdb)',
};

export function resolveDbPath(value: unknown): string {
  if (typeof value === 'string' && value.length > 0) return value;
  return process.env.JIXIAO_DB || 'data/jixiao.duckdb';
}
