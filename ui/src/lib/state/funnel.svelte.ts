import { blackHoles, funnelReport, slaReport, stallReport, velocityReport } from "../api/reports";
import type { BlackHoles } from "../bindings/BlackHoles";
import type { FunnelAnswer } from "../bindings/FunnelAnswer";
import type { FunnelFilter } from "../bindings/FunnelFilter";
import type { SlaAnswer } from "../bindings/SlaAnswer";
import type { StallReport } from "../bindings/StallReport";
import type { VelocityAnswer } from "../bindings/VelocityAnswer";

/** Snapshot: where leads stand now. Cohort: what the period's leads ever reached. */
export type FunnelView = "snapshot" | "cohort";

export const emptyFunnelFilter = (): FunnelFilter => ({
  from: null,
  to: null,
  source: null,
  campaign: null,
  owner: null,
  segment: null,
  industry: null,
});

/** Whether any filter narrows the reports. */
export const isFiltered = (filter: FunnelFilter): boolean =>
  Object.values(filter).some((value) => value !== null && value !== undefined && value !== "");

/**
 * The Funnel page's five reports for one filter. Every number is the backend's, shown as it
 * comes; this only asks, in parallel, and keeps the latest answer.
 */
export class FunnelState {
  filter = $state<FunnelFilter>(emptyFunnelFilter());
  view = $state<FunnelView>("snapshot");
  funnel = $state<FunnelAnswer | null>(null);
  velocity = $state<VelocityAnswer | null>(null);
  stall = $state<StallReport | null>(null);
  holes = $state<BlackHoles | null>(null);
  sla = $state<SlaAnswer | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  #generation = 0;

  async load(): Promise<void> {
    const generation = ++this.#generation;
    const input = { filter: $state.snapshot(this.filter), by: null };
    this.loading = true;
    try {
      const [funnel, velocity, stall, holes, sla] = await Promise.all([
        funnelReport(input),
        velocityReport(input),
        stallReport(input),
        blackHoles(input),
        slaReport(input),
      ]);
      if (generation !== this.#generation) return;
      this.funnel = funnel;
      this.velocity = velocity;
      this.stall = stall;
      this.holes = holes;
      this.sla = sla;
      this.error = null;
    } catch (error) {
      if (generation === this.#generation) this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }

  /** Change some filters and ask again. */
  async setFilter(change: Partial<FunnelFilter>): Promise<void> {
    this.filter = { ...this.filter, ...change };
    await this.load();
  }

  async clearFilter(): Promise<void> {
    this.filter = emptyFunnelFilter();
    await this.load();
  }

  get filtered(): boolean {
    return isFiltered(this.filter);
  }
}
