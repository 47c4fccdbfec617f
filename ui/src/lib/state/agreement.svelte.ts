import { agreementDocument, saveAgreement } from "../api/agreement";
import { reviewQuarters } from "../api/review";
import type { AgreementDocument } from "../bindings/AgreementDocument";
import type { AgreementFormat } from "../bindings/AgreementFormat";
import type { Locale } from "../bindings/Locale";
import type { ReviewQuarters } from "../bindings/ReviewQuarters";

/** The agreement document view: which version in which language, the engine's document for
 * them, and the last save. The engine words everything; this only asks and keeps answers. */
export class AgreementState {
  lang = $state<Locale>("en");
  /** `null`: the version in force. */
  version = $state<number | null>(null);
  /** A quarter ("2026Q4") whose review the engine appends; `null`: none. */
  review = $state<string | null>(null);
  /** The quarters a review appendix can be asked for, once known. */
  quarters = $state<ReviewQuarters | null>(null);
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
      this.quarters ??= await reviewQuarters();
      const doc = await agreementDocument(this.request());
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

  /** What the engine is asked for: this version, in this language, with this appendix. */
  private request() {
    return { version: this.version, lang: this.lang, review: this.review };
  }

  async choose(change: { lang?: Locale; version?: number | null; review?: string | null }): Promise<void> {
    if (change.lang !== undefined) this.lang = change.lang;
    if (change.version !== undefined) this.version = change.version;
    if (change.review !== undefined) this.review = change.review;
    this.savedPath = null;
    this.saveError = null;
    await this.load();
  }

  async save(format: AgreementFormat): Promise<void> {
    this.saving = format;
    this.savedPath = null;
    this.saveError = null;
    try {
      this.savedPath = await saveAgreement({ ...this.request(), format });
    } catch (error) {
      this.saveError = error instanceof Error ? error.message : String(error);
    } finally {
      this.saving = null;
    }
  }
}
