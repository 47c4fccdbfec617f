import { quarterlyReview, reviewQuarters } from "../api/review";
import { loadSample } from "../api/sample";
import type { Review } from "../bindings/Review";
import type { ReviewQuarters } from "../bindings/ReviewQuarters";

/** The presenter view's two looks: a dark room with a projector, or a bright one. */
export type PresenterTheme = "dark" | "light";

/**
 * The Workshop page: the quarters on offer, the review of the chosen one, and whether the
 * presenter view is up. It asks and keeps the latest answer; it decides nothing.
 */
export class WorkshopState {
  quarters = $state<ReviewQuarters | null>(null);
  /** A quarter key, "2026Q4". */
  selected = $state<string | null>(null);
  review = $state<Review | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  presenter = $state(false);
  theme = $state<PresenterTheme>("dark");
  /** While the sample workspace is being loaded from the empty page. */
  sampling = $state(false);
  #generation = 0;

  /** No quarter holds a lead: the workspace is empty, and the page offers the sample. */
  readonly empty = $derived(this.quarters !== null && this.quarters.quarters.every((q) => q.leads === 0));

  /** Fills the empty workspace with the sample year, then reviews its current quarter. */
  async loadSample(): Promise<void> {
    this.sampling = true;
    try {
      await loadSample();
      this.selected = null;
      await this.load();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.sampling = false;
    }
  }

  /** The quarter list, then the current quarter's review (or the one already chosen). */
  async load(): Promise<void> {
    this.loading = true;
    try {
      this.quarters = await reviewQuarters();
      this.error = null;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      this.loading = false;
      return;
    }
    await this.choose(this.selected ?? this.quarters.current);
  }

  async choose(quarter: string): Promise<void> {
    const generation = ++this.#generation;
    this.selected = quarter;
    this.loading = true;
    try {
      const review = await quarterlyReview(quarter);
      if (generation !== this.#generation) return;
      this.review = review;
      this.error = null;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }
}
