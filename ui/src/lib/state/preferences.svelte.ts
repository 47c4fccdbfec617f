import type { Locale } from "../bindings/Locale";
import type { Preferences } from "../bindings/Preferences";
import { getPreferences, savePreferences } from "../api/workspace";
import { applyLocale, matchLocale } from "../i18n";

/** The user's language (the stored choice if any, else the OS's) and who they are on the
 * team roster; changes are saved at once. */
export class PreferencesState {
  locale = $state<Locale>(matchLocale(navigator.languages ?? []));
  rep = $state<string | null>(null);
  saving = $state(false);
  #stored: Preferences = {};

  async load(): Promise<void> {
    this.#stored = await getPreferences();
    if (this.#stored.locale) this.#apply(this.#stored.locale);
    this.rep = this.#stored.rep ?? null;
  }

  async chooseLocale(tag: Locale): Promise<void> {
    this.#apply(tag);
    await this.#save({ ...this.#stored, locale: tag });
  }

  async chooseRep(name: string | null): Promise<void> {
    this.rep = name;
    await this.#save({ ...this.#stored, rep: name });
  }

  async #save(next: Preferences): Promise<void> {
    this.saving = true;
    try {
      this.#stored = await savePreferences(next);
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
