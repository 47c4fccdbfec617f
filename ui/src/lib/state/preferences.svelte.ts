import type { Locale } from "../bindings/Locale";
import { getPreferences, savePreferences } from "../api/workspace";
import { applyLocale, matchLocale } from "../i18n";

/** The user's language: the stored choice if any, else the OS's; changes are saved at once. */
export class PreferencesState {
  locale = $state<Locale>(matchLocale(navigator.languages ?? []));
  saving = $state(false);

  async load(): Promise<void> {
    const stored = await getPreferences();
    if (stored.locale) this.#apply(stored.locale);
  }

  async chooseLocale(tag: Locale): Promise<void> {
    this.#apply(tag);
    this.saving = true;
    try {
      await savePreferences({ locale: tag });
    } finally {
      this.saving = false;
    }
  }

  #apply(tag: Locale): void {
    this.locale = tag;
    applyLocale(tag);
  }
}

export const preferences = new PreferencesState();
