// The languages the server speaks, and the type of a phrase given in each of them. The bottom of the l10n layer:
// it imports nothing, so every other layer may use it.

export type Locale = 'en' | 'zh-cn';

/** Picks the language from an LSP/VS Code locale such as "zh-cn", "zh-CN", "zh-Hans" or "en-US". */
export function localeOf(tag: string | undefined): Locale {
  const t = (tag ?? '').toLowerCase();
  return t === 'zh' || t.startsWith('zh-cn') || t.startsWith('zh-hans') || t.startsWith('zh-sg') ? 'zh-cn' : 'en';
}

/** A phrase in every language the server speaks. */
export interface Phrase {
  readonly en: string;
  readonly 'zh-cn': string;
}

/** Picks a phrase in the user's language. */
export type Say = (texts: Phrase) => string;

/** Fills `{name}` placeholders of a message template. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (!data) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
