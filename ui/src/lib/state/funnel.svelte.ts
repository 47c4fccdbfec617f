import { blackHoles, funnelReport, slaReport, stallReport, velocityReport } from "../api/reports";
import type { BlackHoles } from "../bindings/BlackHoles";
import type { Dimension } from "../bindings/Dimension";
import type { FunnelAnswer } from "../bindings/FunnelAnswer";
import type { FunnelFilter } from "../bindings/FunnelFilter";
import type { FunnelReport } from "../bindings/FunnelReport";
import type { SlaAnswer } from "../bindings/SlaAnswer";
import type { StallReport } from "../bindings/StallReport";
import type { Velocity } from "../bindings/Velocity";
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

/** Every dimension a report can be broken down by, in the order the page offers them. */
export const DIMENSIONS: readonly Dimension[] = ["source", "campaign", "owner", "segment", "industry"];

/** The filter change that keeps only `value` of `by` (each dimension has a filter field of the
 * same name); null for the empty value, which the filters read as "any". */
export function filterForValue(by: Dimension, value: string): Partial<FunnelFilter> | null {
  if (value.trim() === "") return null;
  // A dimension without a filter field of its name stops compiling here.
  const field: keyof FunnelFilter = by;
  return { [field]: value } as Partial<FunnelFilter>;
}

/** One value of the breakdown: its funnel and, when the velocity answer has it, its velocity. */
export type BreakdownGroup = { value: string; funnel: FunnelReport; velocity: Velocity | null };

/** The groups as the backend orders them (most leads first), with each value's velocity. */
export type Breakdown = { by: Dimension; groups: BreakdownGroup[] };

/**
 * The Funnel page's five reports for one filter, and the funnel and velocity broken down by
 * one dimension when the page asks for it. Every number is the backend's, shown as it comes;
 * this only asks, in parallel, and keeps the latest answer.
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
  /** What the Breakdown card splits the reports by; null asks nothing more. */
  by = $state<Dimension | null>(null);
  breakdown = $state<Breakdown | null>(null);
  breakdownError = $state<string | null>(null);
  breakdownLoading = $state(false);
  #generation = 0;
  #breakdownGeneration = 0;

  async load(): Promise<void> {
    await Promise.all([this.#loadReports(), this.loadBreakdown()]);
  }

  async #loadReports(): Promise<void> {
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

  /** The funnel and velocity broken down by `by`, for the page's filter. */
  async loadBreakdown(): Promise<void> {
    const generation = ++this.#breakdownGeneration;
    const by = this.by;
    if (by === null) {
      this.breakdown = null;
      this.breakdownError = null;
      this.breakdownLoading = false;
      return;
    }
    const input = { filter: $state.snapshot(this.filter), by };
    this.breakdownLoading = true;
    try {
      const [funnel, velocity] = await Promise.all([funnelReport(input), velocityReport(input)]);
      if (generation !== this.#breakdownGeneration) return;
      const velocities = new Map(velocity.groups.map((g) => [g.value, g.report]));
      this.breakdown = {
        by,
        groups: funnel.groups.map((g) => ({ value: g.value, funnel: g.report, velocity: velocities.get(g.value) ?? null })),
      };
      this.breakdownError = null;
    } catch (error) {
      if (generation === this.#breakdownGeneration) {
        this.breakdownError = error instanceof Error ? error.message : String(error);
      }
    } finally {
      if (generation === this.#breakdownGeneration) this.breakdownLoading = false;
    }
  }

  /** Break the reports down by another dimension, or (null) by none. */
  async setBreakdown(by: Dimension | null): Promise<void> {
    this.by = by;
    await this.loadBreakdown();
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
