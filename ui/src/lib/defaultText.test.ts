import { get } from "svelte/store";
import { afterEach, describe, expect, it } from "vitest";
import { defaultText, ruleKind } from "./defaultText";
import { applyLocale, setupI18n } from "./i18n";
import english from "../locales/defaults/en.json";
// The Rust sources the defaults come from, read as text: the English locale must say exactly
// what they say, so a changed default fails here until the locales follow.
import playbookRs from "../../../src-tauri/crates/laju-core/src/playbook/defaults.rs?raw";
import handoffRs from "../../../src-tauri/crates/laju-core/src/handoff/defaults.rs?raw";
import scoringRs from "../../../src-tauri/crates/laju-core/src/scoring.rs?raw";
import reconcileRs from "../../../src-tauri/crates/laju-engine/src/handoff/reconcile.rs?raw";
// What `laju playbook --json` printed for a new workspace (ids as the app sees them).
import version1 from "../pages/playbook/fixtures/playbook-v1.json";

setupI18n();

afterEach(() => applyLocale("en"));

/** A Rust string literal ("…" with escapes) as its value. */
const STR = String.raw`"(?:[^"\\]|\\.)*"`;
const literal = (source: string): string => JSON.parse(source) as string;

function all(source: string, pattern: string): RegExpMatchArray[] {
  return [...source.matchAll(new RegExp(pattern, "g"))];
}

/** `S::ClosedLost` → `closedLost`, as serde's camelCase writes it. */
const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** id → label for every `helper("id", "label", …)` call in a Rust source. */
function labelled(source: string, helper: string): Record<string, { label: string }> {
  const found = all(source, String.raw`\b${helper}\(\s*(${STR}),\s*(${STR}),`);
  return Object.fromEntries(found.map((m) => [literal(m[1] ?? ""), { label: literal(m[2] ?? "") }]));
}

/** The shipped English texts, read from the Rust sources. */
function fromRust() {
  const stage = Object.fromEntries(
    all(playbookRs, String.raw`\bstage\(\s*S::(\w+),\s*\w+,\s*(${STR}),\s*(${STR}),\s*(${STR}),`).map((m) => [
      camel(m[1] ?? ""),
      { definition: literal(m[2] ?? ""), entry: literal(m[3] ?? ""), exit: literal(m[4] ?? "") },
    ]),
  );
  const composite = Object.fromEntries(
    all(scoringRs, String.raw`\(\s*(${STR}),\s*(${STR}),\s*key_name\(`).map((m) => [
      literal(m[1] ?? ""),
      { label: literal(m[2] ?? "") },
    ]),
  );
  const recyclingId = reconcileRs.match(new RegExp(String.raw`RECYCLING_RULE_ID: &str = (${STR})`))?.[1];
  const recyclingLabel = reconcileRs.match(
    new RegExp(String.raw`rule_id: RECYCLING_RULE_ID\.into\(\),\s*label: (${STR})\.into\(\)`),
  )?.[1];
  return {
    stage,
    criterion: { ...labelled(playbookRs, "criterion"), ...labelled(playbookRs, "activity") },
    trigger: labelled(playbookRs, "trigger"),
    routing: labelled(handoffRs, "rule"),
    composite,
    engine: recyclingId && recyclingLabel ? { [literal(recyclingId)]: { label: literal(recyclingLabel) } } : {},
  };
}

describe("the English default texts", () => {
  it("are exactly the Rust defaults, item for item", () => {
    const rust = fromRust();
    // Guard the parser itself: a reshaped Rust file must not pass by finding nothing.
    expect(Object.keys(rust.stage)).toHaveLength(10);
    expect(Object.keys(rust.criterion).length).toBeGreaterThan(10);
    expect(Object.keys(rust.trigger).length).toBeGreaterThan(3);
    expect(Object.keys(rust.routing).length).toBeGreaterThan(5);
    expect(Object.keys(rust.composite)).toEqual(["source", "qualification", "fit"]);
    expect(Object.keys(rust.engine)).toEqual(["recycling"]);
    expect(english).toEqual(rust);
  });

  it("match the default Playbook the app serves (ids as serialized)", () => {
    const p = version1.playbook;
    expect(english.stage).toEqual(
      Object.fromEntries(p.stages.map((s) => [s.stage, { definition: s.definition, entry: s.entry, exit: s.exit }])),
    );
    const labels = (list: { id: string; label: string }[]) => Object.fromEntries(list.map((r) => [r.id, { label: r.label }]));
    expect(english.criterion).toEqual(labels(p.engagement.criteria));
    expect(english.trigger).toEqual(labels(p.triggers));
    expect(english.routing).toEqual(labels(p.handoff.routing));
  });
});

describe("defaultText", () => {
  const show = () => get(defaultText);

  it("shows an unedited default in Malay and Chinese", () => {
    applyLocale("ms");
    expect(show()("trigger", "demo-request", "label", "Demo request → MQL")).toBe("Permintaan demo → MQL");
    expect(show()("stage", "sql", "definition", "Qualified: BANT answered.")).toBe("Layak: BANT sudah dijawab.");
    applyLocale("zh-CN");
    expect(show()("criterion", "free-email", "label", "Free email address")).toBe("免费邮箱地址");
    expect(show()("routing", "referral", "label", "Referral → senior AE")).toBe("转介绍 → 资深客户经理");
    applyLocale("zh-TW");
    expect(show()("routing", "referral", "label", "Referral → senior AE")).toBe("轉介紹 → 資深客戶經理");
  });

  it("leaves an edited text, another item's default and an unknown id as stored", () => {
    applyLocale("ms");
    expect(show()("trigger", "demo-request", "label", "Demo request → MQL (Shopee)")).toBe("Demo request → MQL (Shopee)");
    // The same words under another id are not that id's default.
    expect(show()("criterion", "demo-request", "label", "Demo request → MQL")).toBe("Demo request → MQL");
    expect(show()("routing", "rule-abc", "label", "Thailand → Somchai")).toBe("Thailand → Somchai");
    expect(show()("routing", "__proto__", "label", "")).toBe("");
  });

  it("shows English defaults unchanged in English", () => {
    applyLocale("en");
    expect(show()("trigger", "pricing-visits", "label", "3 pricing-page visits in 14 days → MQL")).toBe(
      "3 pricing-page visits in 14 days → MQL",
    );
  });

  it("tells the engine's recycling rule from a Playbook trigger", () => {
    expect(ruleKind("recycling")).toBe("engine");
    expect(ruleKind("demo-request")).toBe("trigger");
    applyLocale("id");
    expect(show()(ruleKind("recycling"), "recycling", "label", "Recycling rule")).toBe("Aturan daur ulang");
  });
});
