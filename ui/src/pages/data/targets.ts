type Translate = (key: string, options?: { values: Record<string, string> }) => string;

/** A mapping target in the user's language (`t` is svelte-i18n's `$_`). The label key of `a.b`
 * is `data.target.a.b`; the `entered.<stage>` targets share one label with the stage's name. */
export function targetLabel(target: string, t: Translate) {
  if (target.startsWith("entered.")) {
    return t("data.target.entered", { values: { stage: t(`domain.stage.${target.slice("entered.".length)}`) } });
  }
  return t(`data.target.${target}`);
}

/** Where the domain words name each enum target's values. */
const ENUM_KEYS: Record<string, string> = {
  stage: "domain.stage",
  "source.kind": "domain.source",
  "activity.kind": "domain.activityType",
  "activity.channel": "domain.channel",
  "activity.outcome": "domain.touchOutcome",
};

/** The label of one value of an enum target; a target this version does not name shows the
 * wire value as it is. */
export const enumLabel = (target: string, value: string, t: Translate) => {
  const area = ENUM_KEYS[target];
  return area ? t(`${area}.${value}`) : value;
};
