// Translations of everything the server says: rule messages and docs, the engine's own messages, and hovers.
// English lives with the code (rule files, hover-text.ts); other languages live here, one file each.
import type { HoverTexts } from './hover-text';
import type { Locale } from './locale';
import { ZH_CN } from './zh-cn';

export interface Translation {
  /** Rule messages by `<rule-id>.<messageId>`, with the same `{placeholders}` as the English template. */
  readonly messages: Readonly<Record<string, string>>;
  /** Rule docs by rule id. */
  readonly docs: Readonly<Record<string, { readonly summary: string; readonly why: string; readonly appliesTo?: string; readonly level?: string }>>;
  /**
   * The engine's own findings: `yaml-syntax`, `duplicate-key`, `file-too-large`, `analysis-limit` (and the reasons
   * it gives), by the same placeholders as in analyze.ts.
   */
  readonly engine: Readonly<Record<'yamlSyntax' | 'duplicateKey' | 'fileTooLarge' | 'analysisLimit' | 'limitNodes' | 'limitTime' | 'limitDocuments', string>>;
  /** Code action titles, by a short key, with placeholders. */
  readonly actions: Readonly<Record<string, string>>;
  readonly hover: HoverTexts;
}

const TRANSLATIONS: Partial<Record<Locale, Translation>> = { 'zh-cn': ZH_CN };

export function translation(locale: Locale): Translation | undefined {
  return TRANSLATIONS[locale];
}

/** The message template for a rule in the language, or undefined to use the rule's English one. */
export function ruleMessage(locale: Locale, ruleId: string, messageId: string): string | undefined {
  return TRANSLATIONS[locale]?.messages[`${ruleId}.${messageId}`];
}
