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
