// Languages: Chinese by default, English on request. Metric, subject and class labels come from
// the one glossary (config/glossary.json) through report/labels.ts, the same function the CSV and
// XLSX exports use, so a column reads the same on screen and in a download. Words of the UI itself
// (buttons, page titles) live in messages.ts.
import { labelOf as glossaryLabel, valueLabel, type Lang } from '../../../report/labels.ts';
import { messages, type MessageKey } from './messages.ts';

export type { Lang };
export type { MessageKey };

export const LANGS: Lang[] = ['zh', 'en'];

export function isLang(v: unknown): v is Lang {
  return v === 'zh' || v === 'en';
}

/** A UI string, with {name} placeholders filled from vars. */
export function t(key: MessageKey, lang: Lang, vars?: Record<string, string | number>): string {
  let s: string = messages[key][lang];
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** The label of a metric, subject field, class, level or line key, from the glossary. */
export function label(key: string, lang: Lang): string {
  return glossaryLabel(key, lang);
}

/** The label of a coded value of a column (client_type corporate → 对公), as the downloads show it. */
export function valueText(column: string, value: unknown, lang: Lang): string {
  return value === null || value === undefined || value === '' ? '—' : String(valueLabel(column, value, lang));
}
