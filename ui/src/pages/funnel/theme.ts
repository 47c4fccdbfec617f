/** The app's colours (app.css custom properties) as the charts need them, light or dark. */
export type ChartTheme = {
  text: string;
  muted: string;
  border: string;
  accent: string;
  danger: string;
  surface: string;
  /** Label size in pixels: `--chart-font-size` where a part of the page sets it (the
   * presenter view's large type), else ECharts' own 12. */
  fontSize: number;
};

const FALLBACK: ChartTheme = {
  text: "#1b1f24",
  muted: "#5d6673",
  border: "#d9dee5",
  accent: "#0b7a5c",
  danger: "#b3261e",
  surface: "#ffffff",
  fontSize: 12,
};

/** The colours in force at `element`: the page's, or a part of it that sets its own (the
 * Workshop page's presenter view). */
export function readTheme(element: Element = document.documentElement): ChartTheme {
  const style = getComputedStyle(element);
  const read = (name: Exclude<keyof ChartTheme, "fontSize">) => style.getPropertyValue(`--${name}`).trim() || FALLBACK[name];
  const size = Number.parseFloat(style.getPropertyValue("--chart-font-size"));
  return {
    text: read("text"),
    muted: read("muted"),
    border: read("border"),
    accent: read("accent"),
    danger: read("danger"),
    surface: read("surface"),
    fontSize: Number.isFinite(size) && size > 0 ? size : FALLBACK.fontSize,
  };
}

/** Calls `changed` whenever the OS switches between light and dark; returns the stop. */
export function onSchemeChange(changed: () => void): () => void {
  const query = typeof window.matchMedia === "function" ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  if (!query) return () => {};
  query.addEventListener("change", changed);
  return () => query.removeEventListener("change", changed);
}
