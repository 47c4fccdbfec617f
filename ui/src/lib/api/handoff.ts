import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { AcceptHandoff } from "../bindings/AcceptHandoff";
import type { HandoffPacket } from "../bindings/HandoffPacket";
import type { Inbox } from "../bindings/Inbox";
import type { InboxQuery } from "../bindings/InboxQuery";
import type { LeadDetail } from "../bindings/LeadDetail";
import type { MoveOutcome } from "../bindings/MoveOutcome";
import type { ReassignHandoff } from "../bindings/ReassignHandoff";
import type { RejectHandoff } from "../bindings/RejectHandoff";
import type { TickReport } from "../bindings/TickReport";
import { call } from "./invoke";

export const getInbox = (input: InboxQuery) => call<Inbox>("get_inbox", { input });
export const getHandoffPacket = (id: number) => call<HandoffPacket>("get_handoff_packet", { input: { id } });

/** Each resolves only after the backend flushed the change. */
export const acceptHandoff = (input: AcceptHandoff) => call<MoveOutcome>("accept_handoff", { input });
export const rejectHandoff = (input: RejectHandoff) => call<MoveOutcome>("reject_handoff", { input });
export const reassignHandoff = (input: ReassignHandoff) => call<LeadDetail>("reassign_handoff", { input });

/** The backend's SLA ticker reassigned or recycled something. */
export const onInboxChanged = (handler: (report: TickReport) => void): Promise<UnlistenFn> =>
  listen<TickReport>("inbox-changed", (event) => handler(event.payload));
