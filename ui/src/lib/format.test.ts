import { describe, expect, it } from "vitest";
import { formatNumber } from "./format";

describe("formatNumber", () => {
  it("groups digits the way each locale's readers expect", () => {
    expect(formatNumber(1234567.5, "en")).toBe("1,234,567.5");
    expect(formatNumber(1234567.5, "id")).toBe("1.234.567,5");
    expect(formatNumber(1234567.5, "zh-CN")).toBe("1,234,567.5");
  });
});
