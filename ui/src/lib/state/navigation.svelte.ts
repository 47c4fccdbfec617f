export const PAGES = ["leads", "inbox", "funnel", "playbook", "data", "workshop"] as const;
export type Page = (typeof PAGES)[number];

/** Ctrl/⌘ + 1…6 jumps to the page at that place in the navigation; other keys are no page. */
export function pageForShortcut(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">): Page | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return null;
  if (!/^[1-9]$/.test(event.key)) return null;
  return PAGES[Number(event.key) - 1] ?? null;
}

/** Which lead the Leads page shows: none (the list), a new one, or one by id. */
export type LeadRoute = null | "new" | number;

export function pageFromHash(hash: string): Page {
  const name = hash.replace(/^#\/?/, "").split("/")[0] ?? "";
  return (PAGES as readonly string[]).includes(name) ? (name as Page) : "leads";
}

export function leadFromHash(hash: string): LeadRoute {
  const [page, sub] = hash.replace(/^#\/?/, "").split("/");
  if (page !== "leads" || !sub) return null;
  if (sub === "new") return "new";
  const id = Number(sub);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The current place lives in the URL hash, so back/forward and reloads keep it. */
export class NavigationState {
  page = $state<Page>(pageFromHash(location.hash));
  lead = $state<LeadRoute>(leadFromHash(location.hash));
  /** Set by a page with unsaved edits: answers whether leaving is all right. */
  leaveGuard: (() => boolean) | null = null;

  constructor() {
    window.addEventListener("hashchange", (event) => {
      if (this.leaveGuard && !this.leaveGuard()) {
        // Stay: put the old address back without another hashchange.
        history.replaceState(null, "", new URL(event.oldURL).hash || "#/");
        return;
      }
      this.page = pageFromHash(location.hash);
      this.lead = leadFromHash(location.hash);
    });
  }
}

export const navigation = new NavigationState();

export const leadHref = (id: number | "new") => `#/leads/${id}`;
