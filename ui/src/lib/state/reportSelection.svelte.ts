import type { LeadSelection } from "../bindings/LeadSelection";

/** A report's leads on their way to the lead list, with the words the list's chip shows. */
export type ReportDrill = { selection: LeadSelection; label: string };

/** Set by the Funnel page ("Show these leads"), read and cleared by the lead list. */
export const drill = new (class {
  current = $state<ReportDrill | null>(null);
})();

/** The same store under the name the reports use. */
export const reportSelection = drill;
