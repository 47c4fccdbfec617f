/** The app's colours (app.css custom properties) as the charts need them, light or dark. */
export type ChartTheme = {
  text: string;
  muted: string;
  border: string;
  accent: string;
  danger: string;
  surface: string;
};

const FALLBACK: ChartTheme = {
  text: "#1b1f24",
  muted: "#5d6673",
  border: "#d9dee5",
  accent: "#0b7a5c",
  danger: "#b3261e",
  surface: "#ffffff",
};

/** The colours in force at `element`: the page's, or a part of it that sets its own (the
 * Workshop page's presenter view). */
export function readTheme(element: Element = document.documentElement): ChartTheme {
  const style = getComputedStyle(element);
  const read = (name: keyof ChartTheme) => style.getPropertyValue(`--${name}`).trim() || FALLBACK[name];
  return {
    text: read("text"),
    muted: read("muted"),
    border: read("border"),
    accent: read("accent"),
    danger: read("danger"),
    surface: read("surface"),
  };
}

/** Calls `changed` whenever the OS switches between light and dark; returns the stop. */
export function onSchemeChange(changed: () => void): () => void {
  const query = typeof window.matchMedia === "function" ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  if (!query) return () => {};
  query.addEventListener("change", changed);
  return () => query.removeEventListener("change", changed);
}
