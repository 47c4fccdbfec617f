import { agreementDocument, saveAgreement } from "../api/agreement";
import type { AgreementDocument } from "../bindings/AgreementDocument";
import type { AgreementFormat } from "../bindings/AgreementFormat";
import type { Locale } from "../bindings/Locale";

/** The agreement document view: which version in which language, the engine's document for
 * them, and the last save. The engine words everything; this only asks and keeps answers. */
export class AgreementState {
  lang = $state<Locale>("en");
  /** `null`: the version in force. */
  version = $state<number | null>(null);
  doc = $state<AgreementDocument | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  saving = $state<AgreementFormat | null>(null);
  savedPath = $state<string | null>(null);
  saveError = $state<string | null>(null);
  #asked = 0;

  constructor(lang: Locale) {
    this.lang = lang;
  }

  /** Asks for the document of the current choice; an answer to an older choice is dropped. */
  async load(): Promise<void> {
    const ask = ++this.#asked;
    this.loading = true;
    this.error = null;
    try {
      const doc = await agreementDocument({ version: this.version, lang: this.lang });
      if (ask === this.#asked) this.doc = doc;
    } catch (error) {
      if (ask === this.#asked) {
        this.doc = null;
        this.error = error instanceof Error ? error.message : String(error);
      }
    } finally {
      if (ask === this.#asked) this.loading = false;
    }
  }

  async choose(change: { lang?: Locale; version?: number | null }): Promise<void> {
    if (change.lang !== undefined) this.lang = change.lang;
    if (change.version !== undefined) this.version = change.version;
    this.savedPath = null;
    this.saveError = null;
    await this.load();
  }

  async save(format: AgreementFormat): Promise<void> {
    this.saving = format;
    this.savedPath = null;
    this.saveError = null;
    try {
      this.savedPath = await saveAgreement({ version: this.version, lang: this.lang, format });
    } catch (error) {
      this.saveError = error instanceof Error ? error.message : String(error);
    } finally {
      this.saving = null;
    }
  }
}
