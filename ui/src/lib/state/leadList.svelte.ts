import { listLeads } from "../api/leads";
import type { LeadQuery } from "../bindings/LeadQuery";
import type { LeadRow } from "../bindings/LeadRow";

export const PAGE_SIZE = 100;

export type Filters = Omit<LeadQuery, "offset" | "limit">;

export const emptyFilters = (): Filters => ({
  stage: null,
  source: null,
  qualification: null,
  fit: null,
  temperature: null,
  search: "",
  selection: null,
  sort: "priority",
});

/**
 * The lead list as the virtual scroller sees it: a total and the pages fetched so far. The
 * backend filters and sorts; this only asks for the pages the viewport needs.
 */
export class LeadListState {
  filters = $state<Filters>(emptyFilters());
  total = $state(0);
  all = $state(0);
  loaded = $state(false);
  error = $state<string | null>(null);
  #pages = $state<Record<number, LeadRow[]>>({});
  #pending = new Set<number>();
  #generation = 0;

  rowAt(index: number): LeadRow | undefined {
    return this.#pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
  }

  /** Start again from the first page (after a filter change or a write). */
  async reload(): Promise<void> {
    this.#generation += 1;
    this.#pending.clear();
    this.#pages = {};
    await this.#fetch(0);
    this.loaded = true;
  }

  /** Fetch whatever pages rows [first, last] need and do not have yet. */
  ensure(first: number, last: number): void {
    if (this.total === 0) return; // reload() brings the first page and the total
    const from = Math.floor(Math.max(0, first) / PAGE_SIZE);
    const to = Math.floor(Math.max(0, Math.min(last, this.total - 1)) / PAGE_SIZE);
    for (let page = from; page <= to; page += 1) {
      if (!this.#pages[page] && !this.#pending.has(page)) void this.#fetch(page);
    }
  }

  async #fetch(page: number): Promise<void> {
    const generation = this.#generation;
    this.#pending.add(page);
    try {
      const result = await listLeads({ ...this.filters, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
      if (generation !== this.#generation) return;
      this.total = result.total;
      this.all = result.all;
      this.#pages = { ...this.#pages, [page]: result.rows };
      this.error = null;
    } catch (error) {
      if (generation === this.#generation) this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.#pending.delete(page);
    }
  }
}
