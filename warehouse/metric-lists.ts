// The metric lists of the SQL models, generated from the metric catalog (config/glossary.json,
// "metrics") as the build reads a model, so that a metric is named in one place and not in a
// column list of every mart. A block in a model
//
//   {% for metric in <subject> [with base] [sorted] %}
//   <label>: <SQL with {metric}, {num}, {den}>
//   …
//   {% end %}
//
// becomes, for each metric the catalog gives that subject's marts (client, manager, unassigned,
// org; process and risk: the manager metrics whose `source` is mart_manager_process_period or
// mart_manager_risk_period), in the catalog's order (sorted: by name), the block's lines that apply to it, in the
// block's order: those labelled `all`, those labelled with its own name, and — unless a line bears
// its name — those labelled with its kind (money, units, count, ratio) or with `based` / `unbased`
// (whether it has a computed base); {num} and {den} are a ratio's two inputs; {ledger} the ledger
// the metric is computed from (a column of int_period_ledgers: deposits … visits, business, reference). A line with a label
// and no SQL says that those metrics have nothing here. `include: <name>` stands for the lines of
// sql/metric-blocks/<name>.sql, for the blocks several models share. `with base`: only the metrics that have a computed base
// (money and units; a ratio whose inputs both have one). A metric no line fits is an error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import glossary from '../config/glossary.json' with { type: 'json' };
import { sqlDir } from './paths.ts';

export type MetricKind = 'money' | 'units' | 'count' | 'ratio';
export type Subject = 'client' | 'manager' | 'unassigned' | 'org';
/** A manager figure defined in a mart of its own rather than in the period marts. */
export type Source = 'mart_manager_process_period' | 'mart_manager_risk_period';

export interface CatalogMetric {
  name: string;
  kind: MetricKind;
  /** A ratio's numerator and denominator (metrics of the same marts). */
  inputs?: [string, string];
  marts: Subject[];
  /** The mart that defines it, for a manager figure the period marts do not carry. */
  source?: Source;
  /** The ledger the figure is computed from; 'reference' when it comes from the reference files only (orgs, managers, assignments). */
  ledger: Ledger;
}

/** A metric's source: a ledger, `business` (any of deposits, loans, fees) or `reference`. */
export type Ledger = 'deposits' | 'loans' | 'fees' | 'sales' | 'visits' | 'business' | 'reference';
const ledgers: Ledger[] = ['deposits', 'loans', 'fees', 'sales', 'visits', 'business', 'reference'];

interface Entry {
  kind?: string;
  inputs?: string[];
  marts?: string[];
  source?: string;
  ledger?: string;
}

const kinds: MetricKind[] = ['money', 'units', 'count', 'ratio'];
const subjects: Subject[] = ['client', 'manager', 'unassigned', 'org'];
const sources: Record<string, Source> = { process: 'mart_manager_process_period', risk: 'mart_manager_risk_period' };

/**
 * Every metric of the catalog in its order; an entry named with `{category}` stands for one metric
 * per sales category, and consecutive such entries go category by category (units, amount, …).
 */
export function metricCatalog(source: { metrics: Record<string, Entry>; sales_categories: Record<string, unknown> } = glossary): CatalogMetric[] {
  const out: CatalogMetric[] = [];
  const entries = Object.entries(source.metrics);
  for (let i = 0; i < entries.length; i++) {
    const family: [string, Entry][] = [];
    while (i < entries.length && entries[i]![0].includes('{category}')) family.push(entries[i++]!);
    if (family.length > 0) {
      for (const category of Object.keys(source.sales_categories)) {
        for (const [name, e] of family) out.push(metricOf(name.replace('{category}', category), e));
      }
      i -= 1;
      continue;
    }
    out.push(metricOf(entries[i]![0], entries[i]![1]));
  }
  for (const m of out.filter((m) => m.kind === 'ratio' && m.marts.length > 0)) {
    for (const input of m.inputs ?? []) {
      const found = out.find((o) => o.name === input);
      if (!found || !m.marts.every((s) => found.marts.includes(s))) {
        throw new Error(`config/glossary.json: ratio ${m.name} reads ${input}, which is not in every mart it is in (${m.marts.join(', ')})`);
      }
    }
  }
  return out;
}

function metricOf(name: string, e: Entry): CatalogMetric {
  const where = `config/glossary.json, metric ${name}`;
  if (!kinds.includes(e.kind as MetricKind)) throw new Error(`${where}: kind must be one of ${kinds.join(', ')}, not '${e.kind}'`);
  const marts = (e.marts ?? []) as Subject[];
  const bad = marts.find((s) => !subjects.includes(s));
  if (bad) throw new Error(`${where}: marts holds '${bad}', not one of ${subjects.join(', ')}`);
  if (e.kind === 'ratio' && marts.length > 0 && e.inputs?.length !== 2) throw new Error(`${where}: a ratio needs two inputs`);
  if (e.source !== undefined && (!Object.values(sources).includes(e.source as Source) || marts.length > 0)) {
    throw new Error(`${where}: source must be one of ${Object.values(sources).join(', ')}, for a metric in no period mart`);
  }
  const ledger = (e.ledger ?? 'reference') as Ledger;
  if (!ledgers.includes(ledger)) throw new Error(`${where}: ledger must be one of ${ledgers.join(', ')}, not '${e.ledger}'`);
  return { name, kind: e.kind as MetricKind, marts, ledger, ...(e.inputs ? { inputs: e.inputs as [string, string] } : {}), ...(e.source ? { source: e.source as Source } : {}) };
}

/** Whether a metric has a computed base (int_holder_bases): money and units, and ratios of those. */
export function hasBase(m: CatalogMetric, catalog: CatalogMetric[]): boolean {
  if (m.kind === 'money' || m.kind === 'units') return true;
  if (m.kind === 'count') return false;
  return (m.inputs ?? []).every((i) => {
    const input = catalog.find((o) => o.name === i);
    return input !== undefined && hasBase(input, catalog);
  });
}

/** The label lines of sql/metric-blocks/<name>.sql (comments left out), indented like the include. */
function included(root: string, name: string, where: string, indent: string): string {
  let text: string;
  try {
    text = readFileSync(join(root, 'metric-blocks', `${name}.sql`), 'utf8');
  } catch {
    throw new Error(`${where}: metric block includes '${name}', but there is no sql/metric-blocks/${name}.sql`);
  }
  return text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.trim().startsWith('--'))
    .map((l) => indent + l.trim())
    .join('\n');
}

const blockRe = /^[ \t]*\{%\s*for metric in (\w+)((?:\s+with base|\s+sorted)*)\s*%\}[ \t]*\n([\s\S]*?)^[ \t]*\{%\s*end\s*%\}[ \t]*\n?/gm;

/** The model's SQL with every metric block expanded (`where` names the file in errors). */
export function expandMetricLists(sql: string, where: string, catalog = metricCatalog(), root = sqlDir): string {
  return sql.replace(blockRe, (_all, subject: string, flags: string, body: string) => {
    if (!subjects.includes(subject as Subject) && !sources[subject]) {
      throw new Error(`${where}: metric block for '${subject}', not one of ${[...subjects, ...Object.keys(sources)].join(', ')}`);
    }
    const lines = body
      .replace(/^([ \t]*)include:\s*([a-z0-9_]+)[ \t]*$/gm, (_l, indent: string, name: string) => included(root, name, where, indent))
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const m = /^([ \t]*)([a-z_]+):\s?(.*)$/.exec(l);
        if (!m) throw new Error(`${where}: a metric block line must be '<label>: <sql>', not '${l.trim()}'`);
        return { indent: m[1]!, label: m[2]!, sql: m[3]! };
      });
    let metrics = sources[subject] ? catalog.filter((m) => m.source === sources[subject]) : catalog.filter((m) => m.marts.includes(subject as Subject));
    if (/with base/.test(flags)) metrics = metrics.filter((m) => hasBase(m, catalog));
    if (/sorted/.test(flags)) metrics = [...metrics].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const out: string[] = [];
    for (const m of metrics) {
      const named = lines.some((l) => l.label === m.name);
      const own = [m.name, ...(named ? [] : [m.kind, hasBase(m, catalog) ? 'based' : 'unbased']), 'all'];
      const fit = lines.filter((l) => own.includes(l.label));
      if (fit.length === 0) throw new Error(`${where}: no line of the metric block fits ${m.name} (${m.kind})`);
      for (const l of fit.filter((l) => l.sql.trim() !== '')) {
        out.push(
          l.indent +
            l.sql
              .replace(/\{metric\}/g, m.name)
              .replace(/\{num\}/g, m.inputs?.[0] ?? '')
              .replace(/\{den\}/g, m.inputs?.[1] ?? '')
              .replace(/\{ledger\}/g, m.ledger),
        );
      }
    }
    return out.join('\n') + '\n';
  });
}
