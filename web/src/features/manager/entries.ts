// Pure helpers of the card's entry form (CardEntries.svelte): how an item's range reads, and the
// request body from what was typed. The server validates everything again (api/routes/entries.ts).
import type { EnterableItem, EntryRow } from '../../lib/api.ts';
import type { Lang } from '../../lib/i18n.ts';

/** What was typed for one item: points, or a rating of its scale, and a note. */
export interface Draft {
  value: string;
  note: string;
}

/** "0–3", "≤ 0", "0–6", or the scale "优 1 / 良 0.8 / …". */
export function rangeText(item: EnterableItem, lang: Lang): string {
  if (item.scale) return item.scale.map((s) => `${lang === 'zh' ? s.label_zh : s.label_en} ${Number(s.points)}`).join(' / ');
  const lo = item.min_points === null ? null : Number(item.min_points);
  const hi = item.max_points === null ? null : Number(item.max_points);
  if (lo === null && hi !== null) return `≤ ${hi}`;
  if (hi === null && lo !== null) return `≥ ${lo}`;
  return `${lo}–${hi}`;
}

export function itemLabel(item: { item_id: string; label_zh: string | null; label_en: string | null }, lang: Lang): string {
  return (lang === 'zh' ? item.label_zh : item.label_en) ?? item.item_id;
}

/** The entry in force for an item entered on the server (not the adjustments file's rows). */
export function current(entries: EntryRow[], itemId: string): EntryRow | undefined {
  return entries.find((e) => e.item_id === itemId && e.source !== 'file');
}

/**
 * The body's entries: one per item with something typed (points, or a rating for a scaled item);
 * `missingNote` lists the items typed without a note (the form says so instead of sending).
 */
export function entriesOf(items: EnterableItem[], drafts: Record<string, Draft>): { entries: { item_id: string; points?: string; rating?: string; note: string }[]; missingNote: string[] } {
  const entries: { item_id: string; points?: string; rating?: string; note: string }[] = [];
  const missingNote: string[] = [];
  for (const item of items) {
    const d = drafts[item.item_id];
    if (!d || d.value.trim() === '') continue;
    if (d.note.trim() === '') {
      missingNote.push(item.item_id);
      continue;
    }
    entries.push(item.scale ? { item_id: item.item_id, rating: d.value, note: d.note.trim() } : { item_id: item.item_id, points: d.value.trim(), note: d.note.trim() });
  }
  return { entries, missingNote };
}

/** Scoring periods (quarter-end year to date: 2026-03-ytd … 2026-12-ytd) among the loaded ones, latest first. */
export function scoringPeriods(periods: readonly { period: string; period_type: string; end_date: string }[]): string[] {
  return periods
    .filter((p) => p.period_type === 'ytd' && /-(03|06|09|12)-ytd$/.test(p.period))
    .sort((a, b) => (a.end_date < b.end_date ? 1 : -1))
    .map((p) => p.period);
}

/** The grid's changed cells as rows of the request (a cell left empty is no change). */
export function gridRows(cells: Record<string, Record<string, string>>, notes: Record<string, string>, scaled: (itemId: string) => boolean) {
  const rows: { manager_id: string; item_id: string; points?: string; rating?: string; note: string }[] = [];
  for (const [manager_id, byItem] of Object.entries(cells)) {
    for (const [item_id, raw] of Object.entries(byItem)) {
      const value = raw.trim();
      if (value === '') continue;
      const note = (notes[manager_id] ?? '').trim();
      rows.push(scaled(item_id) ? { manager_id, item_id, rating: value, note } : { manager_id, item_id, points: value, note });
    }
  }
  return rows;
}
