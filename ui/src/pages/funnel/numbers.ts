import type { ConversionBand } from "../../lib/bindings/ConversionBand";
import type { Locale } from "../../lib/bindings/Locale";
import type { Verdict } from "../../lib/bindings/Verdict";

/** A percentage the backend gives as 0–100, in the locale's own way ("42.5%", "42,5 %"). */
export function formatPercent(value: number | null | undefined, tag: Locale): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 1 }).format(value / 100);
}

/** A step's agreed conversion band ("45%–60%"); a dash when the Playbook sets none. */
export function formatBand(band: ConversionBand | null | undefined, tag: Locale): string {
  return band ? `${formatPercent(band.low, tag)}–${formatPercent(band.high, tag)}` : "—";
}

/** The class that colours a figure by its verdict against the band (styles in app.css). */
export function verdictClass(verdict: Verdict | null | undefined): string {
  return `verdict-${verdict ?? "none"}`;
}

/** Days or minutes with at most one decimal; a dash when the backend has no figure. */
export function formatAmount(value: number | null | undefined, tag: Locale): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }).format(value);
}

/** "2026-03" (an <input type="month">) → 202603, and back. */
export function monthToYyyymm(value: string): number | null {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  return match ? Number(match[1]) * 100 + Number(match[2]) : null;
}

export function yyyymmToMonth(value: number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const year = Math.floor(value / 100);
  const month = value % 100;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
}
