import type { Locale } from "../../lib/bindings/Locale";

const UNITS = ["byte", "kilobyte", "megabyte", "gigabyte"] as const;

/** A file size in the locale's own words and digits ("1.5 MB", "1,5 MB", "1.5 MB"). */
export function formatBytes(bytes: number, tag: Locale): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(tag, {
    style: "unit",
    unit: UNITS[unit],
    unitDisplay: "short",
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** Elapsed milliseconds as seconds ("2.4 sec"). */
export const formatSeconds = (millis: number, tag: Locale): string =>
  new Intl.NumberFormat(tag, { style: "unit", unit: "second", unitDisplay: "short", maximumFractionDigits: 1 }).format(
    millis / 1000,
  );

/** A throughput figure: whole rows, grouped the locale's way. */
export const formatRate = (rowsPerSecond: number, tag: Locale): string =>
  new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }).format(rowsPerSecond);

/** Column names as the locale lists them ("A, B and C", "A、B和C"). */
export const formatList = (items: string[], tag: Locale): string =>
  new Intl.ListFormat(tag, { style: "long", type: "conjunction" }).format(items);
