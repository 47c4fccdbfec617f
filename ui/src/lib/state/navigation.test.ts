import { describe, expect, it } from "vitest";
import { pageFromHash } from "./navigation.svelte";

describe("pageFromHash", () => {
  it.each([
    ["#/inbox", "inbox"],
    ["#funnel", "funnel"],
    ["#/playbook", "playbook"],
    ["", "leads"],
    ["#/nonsense", "leads"],
  ])("%s → %s", (hash, page) => {
    expect(pageFromHash(hash)).toBe(page);
  });
});
