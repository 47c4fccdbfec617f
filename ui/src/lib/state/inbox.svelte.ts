import { LajuError } from "../api/invoke";
import { logActivity } from "../api/leads";
import { getPlaybook } from "../api/playbook";
import {
  acceptHandoff,
  getInbox,
  onInboxChanged,
  reassignHandoff,
  rejectHandoff,
} from "../api/handoff";
import type { Inbox } from "../bindings/Inbox";
import type { MoveOutcome } from "../bindings/MoveOutcome";
import type { RejectCode } from "../bindings/RejectCode";
import type { Rep } from "../bindings/Rep";
import type { TouchOutcome } from "../bindings/TouchOutcome";
import { EngineClock } from "../countdown";
import { preferences } from "./preferences.svelte";

export type InboxView = "mine" | "team";

/** How often the inbox is asked again even without news (a backstop for missed events). */
const REFRESH_MS = 30_000;

/** The handoff inbox: what the engine says waits, the engine's time carried forward every
 * second for the countdowns, and the actions. Every answer comes from the backend; nothing here
 * decides a deadline. */
export class InboxState {
  inbox = $state<Inbox | null>(null);
  roster = $state<Rep[]>([]);
  view = $state<InboxView>("team");
  /** The engine's time now, in milliseconds; moves every second. */
  now = $state(0);
  error = $state<string | null>(null);
  /** The lead an action is running on. */
  working = $state<number | null>(null);
  readonly clock: EngineClock;
  #rosterRead = false;

  constructor(clock = new EngineClock()) {
    this.clock = clock;
  }

  async load(): Promise<void> {
    try {
      const rep = this.view === "mine" ? preferences.rep : null;
      if (this.view === "mine" && !rep) {
        this.inbox = null;
        return;
      }
      // The roster only changes on the Playbook page, so it is read once per visit.
      const [inbox, playbook] = await Promise.all([
        getInbox({ rep, limit: 0 }),
        this.#rosterRead ? null : getPlaybook(),
      ]);
      this.clock.sync(inbox.now);
      this.now = this.clock.now();
      this.inbox = inbox;
      if (playbook) {
        this.roster = playbook.playbook.handoff.roster;
        this.#rosterRead = true;
      }
      this.error = null;
    } catch (error) {
      this.error = message(error);
    }
  }

  /** Starts the second hand, the backstop refresh and the listeners; returns the stop. */
  start(): () => void {
    let sinceRefresh = 0;
    const second = setInterval(() => {
      sinceRefresh += 1000;
      if (this.clock.drifted() || sinceRefresh >= REFRESH_MS) {
        sinceRefresh = 0;
        void this.load();
      } else {
        this.now = this.clock.now();
      }
    }, 1000);
    const onVisible = () => {
      if (document.visibilityState === "visible") void this.load();
    };
    document.addEventListener("visibilitychange", onVisible);
    const unlisten = onInboxChanged(() => void this.load());
    return () => {
      clearInterval(second);
      document.removeEventListener("visibilitychange", onVisible);
      void unlisten.then((stop) => stop());
    };
  }

  async show(view: InboxView): Promise<void> {
    this.view = view;
    await this.load();
  }

  accept(id: number, owner: string | null = null): Promise<void> {
    return this.#act(id, () => acceptHandoff({ id, owner }));
  }

  reject(id: number, code: RejectCode, note: string): Promise<void> {
    return this.#act(id, () => rejectHandoff({ id, code, note }));
  }

  reassign(id: number, rep: string): Promise<void> {
    return this.#act(id, () => reassignHandoff({ id, rep }));
  }

  /** A contact attempt from the task list advances the lead's sequence. */
  logAttempt(id: number, outcome: TouchOutcome): Promise<void> {
    return this.#act(id, () =>
      logActivity({ id, kind: { type: "touch", channel: "call", outcome }, at: null, note: "" }),
    );
  }

  async #act(id: number, work: () => Promise<MoveOutcome | unknown>): Promise<void> {
    this.working = id;
    this.error = null;
    try {
      const outcome = await work();
      if (isRefused(outcome)) this.error = outcome.message;
      await this.load();
    } catch (error) {
      this.error = message(error);
    } finally {
      this.working = null;
    }
  }
}

function isRefused(outcome: unknown): outcome is Extract<MoveOutcome, { type: "refused" }> {
  return typeof outcome === "object" && outcome !== null && (outcome as MoveOutcome).type === "refused";
}

function message(error: unknown): string {
  return error instanceof LajuError || error instanceof Error ? error.message : String(error);
}
