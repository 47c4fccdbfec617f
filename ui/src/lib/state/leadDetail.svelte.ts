import { createLead, getLead, logActivity, mergeLeads, moveLead, updateLead } from "../api/leads";
import type { ActivityKind } from "../bindings/ActivityKind";
import type { FieldProblem } from "../bindings/FieldProblem";
import type { LeadDetail } from "../bindings/LeadDetail";
import type { LeadProfile } from "../bindings/LeadProfile";
import type { LifecycleEvent } from "../bindings/LifecycleEvent";
import type { Refusal } from "../bindings/Refusal";

export const emptyProfile = (): LeadProfile => ({
  contact: { name: "", email: "", phone: "", title: "" },
  company: { name: "", employees: null, industry: "", country: "", techStack: [], useCase: "", targetAccount: false },
  source: { kind: "inbound", detail: "", campaign: "", utm: "", eventName: "", referrer: "", partner: "", externalId: "", visitorId: "" },
  owner: null,
  tags: [],
  notes: "",
  bant: { budget: "", authority: "", need: "", timeline: "" },
  opportunity: { value: null, closeDate: null, stakeholders: [], salesStage: "", forecast: null },
  closing: { contractSigned: null, paymentTerms: "", onboarding: null },
  consent: { doNotEmail: false, doNotCall: false },
});

/**
 * One lead being viewed or edited. `draft` is what the form shows; `detail` what the backend
 * last said. Every decision (validation, moves, scores) comes back from the backend.
 */
export class LeadDetailState {
  detail = $state<LeadDetail | null>(null);
  draft = $state<LeadProfile>(emptyProfile());
  problems = $state<FieldProblem[]>([]);
  refusal = $state<{ refusal: Refusal; message: string } | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  #saved = $state(JSON.stringify(emptyProfile()));

  readonly dirty = $derived(JSON.stringify(this.draft) !== this.#saved);

  async load(id: number): Promise<void> {
    await this.#run(async () => this.#show(await getLead(id)));
  }

  /** Returns the id of a newly created lead, so the page can move to its address. */
  async save(): Promise<number | null> {
    let created: number | null = null;
    await this.#run(async () => {
      const profile = $state.snapshot(this.draft);
      const outcome = this.detail
        ? await updateLead({ id: this.detail.lead.id, profile })
        : await createLead({ profile });
      if (outcome.type === "invalid") {
        this.problems = outcome.problems;
        return;
      }
      if (!this.detail) created = outcome.detail.lead.id;
      this.#show(outcome.detail);
    });
    return created;
  }

  /** `at` is when it happened (an ISO instant); null means now. */
  async log(kind: ActivityKind, note: string, at: string | null = null): Promise<boolean> {
    if (!this.detail) return false;
    const id = this.detail.lead.id;
    return this.#run(async () => this.#show(await logActivity({ id, kind, at, note }), true));
  }

  async move(event: LifecycleEvent): Promise<boolean> {
    if (!this.detail) return false;
    const id = this.detail.lead.id;
    this.refusal = null;
    return this.#run(async () => {
      const outcome = await moveLead({ id, event });
      if (outcome.type === "refused") {
        this.refusal = { refusal: outcome.refusal, message: outcome.message };
        return;
      }
      this.#show(outcome.detail, true);
    });
  }

  /** Folds this lead into the one with the same email that came first; resolves with that
   * lead's id, or null when the backend refused. */
  async mergeIntoFirst(): Promise<number | null> {
    const keep = this.detail?.duplicateOf;
    if (!this.detail || keep == null) return null;
    const duplicate = this.detail.lead.id;
    const merged = await this.#run(async () => {
      this.#show(await mergeLeads({ keep, duplicate }));
    });
    return merged ? keep : null;
  }

  /** Every problem the backend found on one field (a dotted path such as "contact.email"). */
  problemsFor(field: string): FieldProblem[] {
    return this.problems.filter((p) => p.field === field);
  }

  /** Shows the backend's answer; `keepDraft` keeps unsaved edits when only the stage or
   * activities changed. */
  #show(detail: LeadDetail, keepDraft = false) {
    const wasDirty = this.dirty;
    this.detail = detail;
    this.#saved = JSON.stringify(detail.lead.profile);
    if (!(keepDraft && wasDirty)) this.draft = $state.snapshot(detail.lead.profile);
    this.problems = [];
  }

  async #run(work: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      await work();
      return true;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
