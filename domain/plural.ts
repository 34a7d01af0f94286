// Counted phrases ("1 día hábil", "3 días hábiles") chosen by the locale's plural rules, never "día(s)".
import type { Locale } from './ticket.js';

/** A phrase per plural category; `#` stands for the number. Categories a locale lacks fall back to `other`. */
export type PluralForms = Readonly<Partial<Record<Intl.LDMLPluralRule, string>>> & {
  readonly one: string;
  readonly other: string;
};

const RULES: Readonly<Record<Locale, Intl.PluralRules>> = {
  es: new Intl.PluralRules('es'),
  en: new Intl.PluralRules('en'),
};

/** The phrase for `n`; an unknown count (`undefined`) reads as `?` in the `other` form. */
export function plural(locale: Locale, n: number | undefined, forms: PluralForms): string {
  const form = n === undefined ? forms.other : (forms[RULES[locale].select(n)] ?? forms.other);
  return form.replaceAll('#', n === undefined ? '?' : String(n));
}
