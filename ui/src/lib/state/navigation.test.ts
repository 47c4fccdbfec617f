import { describe, expect, it } from "vitest";
import { leadFromHash, pageFromHash } from "./navigation.svelte";

describe("pageFromHash", () => {
  it.each([
    ["#/inbox", "inbox"],
    ["#funnel", "funnel"],
    ["#/playbook", "playbook"],
    ["#/leads/42", "leads"],
    ["", "leads"],
    ["#/nonsense", "leads"],
  ])("%s → %s", (hash, page) => {
    expect(pageFromHash(hash)).toBe(page);
  });
});

describe("leadFromHash", () => {
  it.each([
    ["#/leads", null],
    ["#/leads/new", "new"],
    ["#/leads/42", 42],
    ["#/leads/abc", null],
    ["#/inbox/42", null],
  ])("%s → %s", (hash, lead) => {
    expect(leadFromHash(hash)).toBe(lead);
  });
});
