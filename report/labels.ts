// Column labels in Chinese and English, from the one glossary (config/glossary.json) that the
// web UI uses too.
import glossary from '../config/glossary.json' with { type: 'json' };

export type Lang = 'zh' | 'en';
type Entry = { zh: string; en: string };
type Section = Record<string, Entry>;

const sections = Object.entries(glossary).filter(([k]) => !k.startsWith('_')) as [string, Section][];

function lookup(key: string): Entry | undefined {
  for (const [, section] of sections) if (section[key]) return section[key];
  return undefined;
}

/** The label of a column key: a glossary entry, a sales metric, or a metric with a measure suffix. */
export function labelOf(key: string, lang: Lang): string {
  const direct = lookup(key);
  if (direct) return direct[lang];
  const sales = /^sales_(.+)_(units|amount)$/.exec(key);
  if (sales) {
    const cat = glossary.sales_categories[sales[1] as keyof typeof glossary.sales_categories];
    if (cat) return lang === 'zh' ? `${cat.zh}${sales[2] === 'units' ? '销量' : '销售额'}` : `${cat.en} ${sales[2] === 'units' ? 'sold (units)' : 'sold (amount)'}`;
  }
  const measured = /^(.+)_(base|target|achievement|growth)$/.exec(key);
  if (measured) {
    const metric = lookup(measured[1]!);
    const measure = lookup(measured[2]!);
    if (metric && measure) return lang === 'zh' ? `${metric.zh}${measure.zh}` : `${metric.en} ${measure.en.toLowerCase()}`;
  }
  return key;
}
