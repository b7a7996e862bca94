// Swedish first, English second. Every module adds a dictionary file beside this one (`<module>.ts` exporting
// `default { sv: {...}, en: {...} }`); they are merged here, so modules never edit a shared file.
export type Lang = 'sv' | 'en';
export interface Dictionary {
  sv: Record<string, string>;
  en: Record<string, string>;
}

const modules = import.meta.glob<{ default: Dictionary }>('./*.ts', { eager: true });
const merged: Dictionary = { sv: {}, en: {} };
for (const [path, m] of Object.entries(modules)) {
  if (path.includes('i18n.svelte')) continue;
  Object.assign(merged.sv, m.default.sv);
  Object.assign(merged.en, m.default.en);
}

function initialLang(): Lang {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('lang') : null;
  return stored === 'en' ? 'en' : 'sv';
}

class I18n {
  lang = $state<Lang>(initialLang());

  set(lang: Lang): void {
    this.lang = lang;
    localStorage.setItem('lang', lang);
    document.documentElement.lang = lang;
  }

  /** Whether the key has a text (in this language or Swedish). */
  has = (key: string): boolean => key in merged[this.lang] || key in merged.sv;

  /** Translate a key; `{name}` placeholders are filled from params. Falls back to Swedish, then the key. */
  t = (key: string, params: Record<string, string | number> = {}): string => {
    const text = merged[this.lang][key] ?? merged.sv[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
  };
}

export const i18n = new I18n();
export const t = i18n.t;

/** The desk's notice for a command carried out: what happened (`done.<type>`), else the general sentence. */
export function doneText(command: { type: string }): string {
  const key = `done.${command.type}`;
  return i18n.has(key) ? t(key) : t('action.done');
}
