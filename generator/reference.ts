// The reference delivery (00-reference/): org tree, managers, clients, assignments, products, FTP
// curve and targets, written once; every id the monthly ledgers use is defined here.
import { join } from 'node:path';
import { NEVER } from './calendar.ts';
import { curveTerms, ftpAt, usdCurve } from './catalog.ts';
import { CsvFile, field, pct, yuan, type FileEncoding } from './csv.ts';
import type { FileKind, Layout } from './layout.ts';
import { companyName, industries, personName } from './names.ts';
import { Rng } from './random.ts';
import { targetRows } from './targets.ts';
import type { Loans } from './book.ts';
import { CORPORATE, type World } from './world.ts';

export interface FileResult {
  path: string;
  rows: number;
  bytes: number;
  /** Sum of the money column in fen (deposits, loans: balance; fees, sales: amount). */
  fen?: number;
}

type Ids = { client: string[]; manager: string[]; org: string[]; product: string[] };

/** One managers row: manager x at org, holding from validFrom (NEVER: empty, from the start). */
function managerRow(w: World, x: number, org: number, validFrom: number, layout: Layout, ids: Ids): string {
  const { mgr } = w;
  const d = (day: number) => (day === NEVER ? '' : layout.date(day));
  const line = layout.value('managers', 'line', mgr.line[x] === CORPORATE ? 'corporate' : 'retail');
  return `${ids.manager[x]},${mgr.name[x]},${ids.org[org]},${line},${'ABCD'[mgr.grade[x]!]},${d(mgr.hire[x]!)},${d(mgr.leave[x]!)},${d(validFrom)}\n`;
}

/** The managers file of month mi's delivery: the managers who move that month, at their new org. */
export async function writeMoves(w: World, mi: number, dir: string, layout: Layout, encoding: FileEncoding, ids: Ids): Promise<FileResult[]> {
  const moves = w.mgr.moves.filter((m) => m.month === mi);
  if (moves.length === 0) return [];
  const month = w.months[mi]!;
  const file = new CsvFile(join(dir, layout.fileName('managers', month.key.replace('-', ''))), layout.header('managers'), encoding);
  for (const m of moves) file.push(managerRow(w, m.manager, m.org, month.start, layout, ids));
  return [await file.close()];
}

export async function writeReference(w: World, loans: Loans, dir: string, layout: Layout, encoding: FileEncoding, ids: Ids): Promise<FileResult[]> {
  const open = (kind: FileKind) => new CsvFile(join(dir, layout.fileName(kind)), layout.header(kind), encoding);
  const v = layout.value;
  const d = (day: number) => (day === NEVER ? '' : layout.date(day));
  const out: FileResult[] = [];
  const { tree, mgr, cli, asg, cat } = w;

  const orgs = open('orgs');
  for (const o of tree.orgs) orgs.push(`${o.id},${o.parent >= 0 ? tree.orgs[o.parent]!.id : ''},${field(o.name)},${v('orgs', 'level', o.level)}\n`);
  out.push(await orgs.close());

  const products = open('products');
  for (const p of cat.products) products.push(`${p.id},${field(p.name)},${v('products', 'category', p.category)},${p.term ?? ''}\n`);
  out.push(await products.close());

  // the first managers file: every row holds from the start (valid_from empty)
  const managers = open('managers');
  for (let x = 0; x < mgr.n; x++) managers.push(managerRow(w, x, mgr.org[x]!, NEVER, layout, ids));
  out.push(await managers.close());

  const clients = open('clients');
  const rn = Rng.of(w.seed, 'client-names');
  for (let c = 0; c < cli.n; c++) {
    const corporate = cli.type[c] === CORPORATE;
    const g = cli.group[c]!;
    const name = corporate ? companyName(rn, cli.industry[c]!, g >= 0 ? w.groupNames[g] : undefined) : personName(rn);
    const industry = corporate ? field(industryName(cli.industry[c]!)) : '';
    const line = `${ids.client[c]},${field(name)},${v('clients', 'client_type', corporate ? 'corporate' : 'individual')},${industry},${g >= 0 ? `G${String(g + 1).padStart(5, '0')}` : ''},${d(cli.open[c]!)},${ids.org[cli.org[c]!]}\n`;
    if (clients.push(line)) await clients.flush();
  }
  out.push(await clients.close());

  const assignments = open('assignments');
  for (let k = 0; k < asg.size; k++) {
    const line = `${ids.client[asg.client[k]!]},${ids.manager[asg.manager[k]!]},${(asg.share[k]! / 1000).toFixed(2)},${d(asg.from[k]!)},${d(asg.to[k]!)}\n`;
    if (assignments.push(line)) await assignments.flush();
  }
  out.push(await assignments.close());

  const ftp = open('ftp_curve');
  const cnyCode = v('ftp_curve', 'currency', 'CNY');
  for (const [day, after] of [[w.ftpStart, false], [w.ftpChange, true]] as const) {
    for (const t of curveTerms) ftp.push(`${d(day)},${t},${pct(ftpAt(t, after))},${cnyCode}\n`);
  }
  // the USD curve the foreign-currency accounts are priced on (one curve, unchanged in the period)
  for (const [t, rate] of usdCurve) ftp.push(`${d(w.ftpStart)},${t},${pct(rate)},${v('ftp_curve', 'currency', 'USD')}\n`);
  out.push(await ftp.close());

  const targets = open('targets');
  for (const t of targetRows(w, loans)) {
    const subject = t.subjectType === 'manager' ? ids.manager[t.subject] : ids.org[t.subject];
    const num = (x: number) => (t.money ? yuan(x) : String(x));
    const line = `${t.year},${v('targets', 'period', t.period)},${v('targets', 'subject_type', t.subjectType)},${subject},${t.metric},${t.base === null ? '' : num(t.base)},${num(t.target)}\n`;
    if (targets.push(line)) await targets.flush();
  }
  out.push(await targets.close());
  return out;
}

function industryName(i: number): string {
  return industries[i]!.name;
}
