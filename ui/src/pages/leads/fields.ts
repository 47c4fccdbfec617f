/** The lead form's fields, by section, named by their dotted path in LeadProfile (the same
 * path a backend FieldProblem uses). The label key is `leads.field.<path>`. */
export type FieldKind = "text" | "email" | "tel" | "number" | "date" | "checkbox" | "list" | "textarea" | "source" | "forecast";

export type Field = { path: string; kind: FieldKind };

export const SECTIONS: { id: string; fields: Field[] }[] = [
  {
    id: "contact",
    fields: [
      { path: "contact.name", kind: "text" },
      { path: "contact.email", kind: "email" },
      { path: "contact.phone", kind: "tel" },
      { path: "contact.title", kind: "text" },
    ],
  },
  {
    id: "company",
    fields: [
      { path: "company.name", kind: "text" },
      { path: "company.employees", kind: "number" },
      { path: "company.industry", kind: "text" },
      { path: "company.country", kind: "text" },
      { path: "company.techStack", kind: "list" },
      { path: "company.useCase", kind: "text" },
      { path: "company.targetAccount", kind: "checkbox" },
    ],
  },
  {
    id: "source",
    fields: [
      { path: "source.kind", kind: "source" },
      { path: "source.detail", kind: "text" },
      { path: "source.campaign", kind: "text" },
      { path: "source.utm", kind: "text" },
      { path: "source.eventName", kind: "text" },
      { path: "source.referrer", kind: "text" },
      { path: "source.partner", kind: "text" },
      { path: "source.externalId", kind: "text" },
      { path: "source.visitorId", kind: "text" },
    ],
  },
  {
    id: "bant",
    fields: [
      { path: "bant.budget", kind: "text" },
      { path: "bant.authority", kind: "text" },
      { path: "bant.need", kind: "text" },
      { path: "bant.timeline", kind: "text" },
    ],
  },
  {
    id: "opportunity",
    fields: [
      { path: "opportunity.value.amount", kind: "number" },
      { path: "opportunity.value.currency", kind: "text" },
      { path: "opportunity.closeDate", kind: "date" },
      { path: "opportunity.stakeholders", kind: "list" },
      { path: "opportunity.salesStage", kind: "text" },
      { path: "opportunity.forecast", kind: "forecast" },
    ],
  },
  {
    id: "closing",
    fields: [
      { path: "closing.contractSigned", kind: "date" },
      { path: "closing.paymentTerms", kind: "text" },
      { path: "closing.onboarding", kind: "date" },
    ],
  },
  {
    id: "consent",
    fields: [
      { path: "consent.doNotEmail", kind: "checkbox" },
      { path: "consent.doNotCall", kind: "checkbox" },
    ],
  },
  {
    id: "notes",
    fields: [
      { path: "owner", kind: "text" },
      { path: "tags", kind: "list" },
      { path: "notes", kind: "textarea" },
    ],
  },
];

export const SOURCES = ["inbound", "outbound", "paidAds", "event", "referral", "partner", "database"];
export const FORECASTS = ["pipeline", "bestCase", "commit", "omitted"];

/** Every path the form shows; a backend problem on any other path is listed above the form. */
export const FIELD_PATHS: ReadonlySet<string> = new Set(SECTIONS.flatMap((s) => s.fields.map((f) => f.path)));

/** The id of a field's control, so labels, problems and focus can find it. */
export const fieldId = (path: string) => `field-${path.replaceAll(".", "-")}`;
