import { derived, type Readable } from "svelte/store";
import { _ } from "svelte-i18n";
import shipped from "../locales/defaults/en.json";

/**
 * The Playbook every workspace starts with is *data*, written by the engine in English: stage
 * definitions, score criteria, trigger and routing rule labels (plus a few labels the engine
 * itself puts on scores and history). Once stored they are the team's own words, which Laju must
 * never rewrite. So translation happens only on screen, and only while a text is still exactly
 * what Laju shipped for that item: a stored text equal to the English default of its id and
 * field is shown in the reader's language; anything else (an edit, a new rule, an older wording)
 * is the user's and is shown as typed. Nothing here changes what is stored.
 *
 * The English texts live in `locales/defaults/en.json`; `defaultText.test.ts` fails when they no
 * longer match the Rust defaults.
 */
export type DefaultKind =
  /** `Playbook.stages[]`, by stage: definition, entry, exit. */
  | "stage"
  /** `Playbook.engagement.criteria[]`, by criterion id. */
  | "criterion"
  /** `Playbook.triggers[]`, by rule id (also the history's "by rule" for triggers). */
  | "trigger"
  /** `Playbook.handoff.routing[]`, by rule id (also an assignment's `ruleLabel`). */
  | "routing"
  /** The priority score's fixed parts: source, qualification, fit. */
  | "composite"
  /** Rules built into the engine rather than the Playbook (the recycling rule). */
  | "engine";

export type DefaultField = "label" | "definition" | "entry" | "exit";

export type DefaultTextFn = (kind: DefaultKind, id: string, field: DefaultField, stored: string) => string;

type Texts = Record<string, Record<string, Partial<Record<DefaultField, string>>>>;
const SHIPPED: Texts = shipped;

/** The English text Laju ships for this item and field, if it ships one. */
export function shippedText(kind: DefaultKind, id: string, field: DefaultField): string | undefined {
  const items = SHIPPED[kind];
  if (!items || !Object.hasOwn(items, id)) return undefined;
  return items[id]?.[field];
}

/** Which kind of rule moved a lead, by the rule id its history records. */
export function ruleKind(ruleId: string): "engine" | "trigger" {
  return shippedText("engine", ruleId, "label") === undefined ? "trigger" : "engine";
}

/**
 * The text to show in the current language: `stored` translated while it is the shipped default,
 * otherwise `stored` itself. Use as `$defaultText(kind, id, field, stored)`; it follows the
 * language switcher like `$_`.
 */
export const defaultText: Readable<DefaultTextFn> = derived(_, (t): DefaultTextFn => (kind, id, field, stored) =>
  stored === shippedText(kind, id, field) ? t(`defaults.${kind}.${id}.${field}`) : stored,
);
