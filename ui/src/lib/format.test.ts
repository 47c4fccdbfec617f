import { describe, expect, it } from "vitest";
import { formatCurrencyName, formatMoney, formatNumber } from "./format";

describe("formatNumber", () => {
  it("groups digits the way each locale's readers expect", () => {
    expect(formatNumber(1234567.5, "en")).toBe("1,234,567.5");
    expect(formatNumber(1234567.5, "id")).toBe("1.234.567,5");
    expect(formatNumber(1234567.5, "zh-CN")).toBe("1,234,567.5");
  });
});

/** Intl separates a currency symbol with a no-break space in some locales; compare plainly. */
const plain = (text: string) => text.replace(/\u00a0/g, " ");

describe("formatMoney", () => {
  it("writes an amount in whole units of its currency, the way each locale writes money", () => {
    expect(plain(formatMoney(9000, "MYR", "en"))).toBe("MYR 9,000");
    expect(plain(formatMoney(9000, "MYR", "ms"))).toBe("RM 9,000");
    expect(plain(formatMoney(200000000, "IDR", "id"))).toBe("Rp 200.000.000");
    expect(plain(formatMoney(158000, "CNY", "zh-CN"))).toBe("¥158,000");
    expect(plain(formatMoney(1234.56, "SGD", "en"))).toBe("SGD 1,235");
  });

  it("names a currency in the reader's language", () => {
    expect(formatCurrencyName("MYR", "en")).toBe("Malaysian Ringgit");
    expect(formatCurrencyName("MYR", "ms")).toBe("Ringgit Malaysia");
    expect(formatCurrencyName("MYR", "zh-TW")).toBe("馬來西亞令吉");
  });
});
