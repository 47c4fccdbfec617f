export const PAGES = ["leads", "inbox", "funnel", "playbook"] as const;
export type Page = (typeof PAGES)[number];

export function pageFromHash(hash: string): Page {
  const name = hash.replace(/^#\/?/, "");
  return (PAGES as readonly string[]).includes(name) ? (name as Page) : "leads";
}

/** The current page lives in the URL hash, so back/forward and reloads keep the user's place. */
export class NavigationState {
  page = $state<Page>(pageFromHash(location.hash));

  constructor() {
    window.addEventListener("hashchange", () => {
      this.page = pageFromHash(location.hash);
    });
  }
}

export const navigation = new NavigationState();
