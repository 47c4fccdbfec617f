import type { Locale } from "./bindings/Locale";

/** Numbers and dates always go through Intl with the chosen locale, never toString(). */
export function formatNumber(value: number, tag: Locale): string {
  return new Intl.NumberFormat(tag).format(value);
}

export function formatDateTime(iso: string, tag: Locale): string {
  return new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(iso),
  );
}

/** An amount of `currency` (ISO 4217, as the backend sends it) in the locale's own way, in
 * whole units: "RM9,000" in Malay, "MYR 9,000" in English, "Rp 200.000.000" in Indonesian. */
export function formatMoney(value: number, currency: string, tag: Locale): string {
  return new Intl.NumberFormat(tag, {
    style: "currency",
    currency,
    minimumFractionDigits: 0,
    maximumFractionDigits: 0,
  }).format(value);
}

/** A currency's name in the locale ("Malaysian Ringgit", "Ringgit Malaysia", "马来西亚林吉特"),
 * or its code where Intl has no name for it. */
export function formatCurrencyName(currency: string, tag: Locale): string {
  return new Intl.DisplayNames(tag, { type: "currency", fallback: "code" }).of(currency) ?? currency;
}
