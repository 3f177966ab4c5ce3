// `jixiao` argument handling: finds the subcommand, parses its options strictly, prints help.
import { readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { UsageError, type Command } from './command.ts';

const commandsDir = join(fileURLToPath(new URL('.', import.meta.url)), 'commands');

export async function loadCommands(): Promise<Command[]> {
  const files = readdirSync(commandsDir).filter((f) => f.endsWith('.ts')).sort();
  const commands: Command[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(commandsDir, file)).href)) as { default: Command };
    commands.push(mod.default);
  }
  return commands.sort((a, b) => a.name.localeCompare(b.name));
}

export function commandHelp(cmd: Command): string {
  const lines = [`Usage: jixiao ${cmd.name} ${cmd.usage}`.trimEnd(), '', cmd.summary];
  if (cmd.description) lines.push('', cmd.description.trim());
  lines.push('', 'Options:');
  for (const [name, spec] of Object.entries(cmd.options)) {
    const flag = spec.short ? `-${spec.short}, --${name}` : `    --${name}`;
    lines.push(`  ${flag} ${spec.help}`);
  }
  lines.push('  -h, --help         show this help');
  return lines.join('\n') + '\n';
}

export function generalHelp(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    'jixiao — performance analytics for commercial banks (绩效)',
    '',
    'Usage: jixiao <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Every command takes --db FILE (default: $JIXIAO_DB, else data/jixiao.duckdb).',
    'Run `jixiao <command> --help` for its options.',
    '',
  ].join('\n');
}

export async function main(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  const commands = await loadCommands();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out.write(generalHelp(commands));
    return name ? 0 : 2;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    err.write(`jixiao: unknown command '${name}'\n\n${generalHelp(commands)}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out.write(commandHelp(cmd));
    return 0;
  }
  let parsed;
  try {
    const options = Object.fromEntries(
      Object.entries(cmd.options).map(([k, { help: _help, ...spec }]) => [k, spec]),
    );
    parsed = parseArgs({ args: rest, options, allowPositionals: cmd.positionals ?? false, strict: true });
  } catch (e) {
    err.write(`jixiao ${cmd.name}: ${(e as Error).message}\n\n${commandHelp(cmd)}`);
    return 2;
  }
  try {
    return await cmd.run({ values: parsed.values, positionals: parsed.positionals, out, err });
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`jixiao ${cmd.name}: ${e.message}\n\n${commandHelp(cmd)}`);
      return 2;
    }
    err.write(`jixiao ${cmd.name}: ${(e as Error).message}\n`);
    if (process.env.JIXIAO_DEBUG) err.write(`${(e as Error).stack}\n`);
    return 1;
  }
}
