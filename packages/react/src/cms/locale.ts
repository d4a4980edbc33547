// Languages written right to left (ISO 639 codes): Arabic, Hebrew, Persian, Urdu, Pashto, Sindhi, Yiddish,
// Dhivehi, Kurdish (Sorani), Uyghur. A locale's script subtag wins over its language (`az-Arab` is RTL).
const rtlLanguages = new Set(['ar', 'he', 'iw', 'fa', 'ur', 'ps', 'sd', 'yi', 'dv', 'ckb', 'ug']);
const rtlScripts = new Set(['arab', 'hebr', 'thaa', 'syrc', 'nkoo', 'adlm', 'rohg']);

/**
 * The text direction of a locale: `rtl` for Arabic, Hebrew, Persian, Urdu and the like, else `ltr`.
 *
 * @example directionOf('ar') // 'rtl'; directionOf('pt-BR') // 'ltr'
 */
export function directionOf(locale: string | null | undefined): 'ltr' | 'rtl' {
  if (!locale) return 'ltr';
  const [language, ...rest] = locale.toLowerCase().split('-');
  if (rest.some((part) => part.length === 4 && rtlScripts.has(part))) return 'rtl';
  return rtlLanguages.has(language ?? '') ? 'rtl' : 'ltr';
}

/**
 * A locale's name in the viewer's language, e.g. `fr` → "French"; the code itself where the runtime has no name.
 *
 * @example localeName('ar', 'en') // 'Arabic'
 */
export function localeName(locale: string, displayLocale?: string): string {
  try {
    return new Intl.DisplayNames(displayLocale ? [displayLocale] : undefined, { type: 'language' }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}
