import type { Locale } from "../../lib/bindings/Locale";

/** Days with at most one decimal, in the locale's words ("4.5 days", "4,5 hari", "4.5天"). */
export function formatDays(value: number | null | undefined, tag: Locale): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(tag, { style: "unit", unit: "day", unitDisplay: "long", maximumFractionDigits: 1 }).format(value);
}

/** A response time in its largest whole unit: 1440 minutes read "1 day", 240 "4 hours". */
export function formatMinutes(minutes: number, tag: Locale): string {
  const [value, unit] =
    minutes >= 1440 && minutes % 1440 === 0
      ? [minutes / 1440, "day"]
      : minutes >= 60 && minutes % 60 === 0
        ? [minutes / 60, "hour"]
        : [minutes, "minute"];
  return new Intl.NumberFormat(tag, { style: "unit", unit, unitDisplay: "long" }).format(value);
}
