import { describe, expect, it } from "vitest";
import { LOCALES, MESSAGES, matchLocale } from "./i18n";

function keys(tree: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "object" && value !== null
      ? keys(value as Record<string, unknown>, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1] ?? ""))].sort();
}

function lookup(tree: Record<string, unknown>, path: string): string {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], tree) as string;
}

describe("translations", () => {
  const english = keys(MESSAGES.en).sort();

  it.each(LOCALES.map((l) => l.tag))("%s has every English string and no extra ones", (tag) => {
    expect(keys(MESSAGES[tag]).sort()).toEqual(english);
  });

  it.each(LOCALES.map((l) => l.tag))("%s keeps every placeholder of the English text", (tag) => {
    for (const key of english) {
      expect(placeholders(lookup(MESSAGES[tag], key)), `${tag}: ${key}`).toEqual(
        placeholders(lookup(MESSAGES.en, key)),
      );
    }
  });

  it("no translation is left empty", () => {
    for (const { tag } of LOCALES) {
      for (const key of english) expect(lookup(MESSAGES[tag], key).trim(), `${tag}: ${key}`).not.toBe("");
    }
  });
});

describe("matchLocale", () => {
  it.each([
    [["ms-MY"], "ms"],
    [["id-ID"], "id"],
    [["in"], "id"],
    [["zh-TW"], "zh-TW"],
    [["zh-Hant-HK"], "zh-TW"],
    [["zh-HK"], "zh-TW"],
    [["zh-CN"], "zh-CN"],
    [["zh-Hans-SG"], "zh-CN"],
    [["zh"], "zh-CN"],
    [["fr-FR", "id"], "id"],
    [["de-DE"], "en"],
    [[], "en"],
  ])("%j → %s", (preferred, expected) => {
    expect(matchLocale(preferred)).toBe(expected);
  });
});
