type Translate = (key: string, options?: { values: Record<string, string> }) => string;

/** A mapping target in the user's language (`t` is svelte-i18n's `$_`). The label key of `a.b`
 * is `data.target.a.b`; the `entered.<stage>` targets share one label with the stage's name. */
export function targetLabel(target: string, t: Translate) {
  if (target.startsWith("entered.")) {
    return t("data.target.entered", { values: { stage: t(`domain.stage.${target.slice("entered.".length)}`) } });
  }
  return t(`data.target.${target}`);
}

/** The label of one value of an enum target. */
export const enumLabel = (target: string, value: string, t: Translate) =>
  t(target === "stage" ? `domain.stage.${value}` : `domain.source.${value}`);
