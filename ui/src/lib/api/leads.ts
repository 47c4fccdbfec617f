import type { CreateLead } from "../bindings/CreateLead";
import type { LeadDetail } from "../bindings/LeadDetail";
import type { LeadPage } from "../bindings/LeadPage";
import type { LeadQuery } from "../bindings/LeadQuery";
import type { LogActivity } from "../bindings/LogActivity";
import type { MergeLeads } from "../bindings/MergeLeads";
import type { MoveLead } from "../bindings/MoveLead";
import type { MoveOutcome } from "../bindings/MoveOutcome";
import type { SaveOutcome } from "../bindings/SaveOutcome";
import type { UpdateLead } from "../bindings/UpdateLead";
import { call } from "./invoke";

/** Each write resolves only after the backend flushed it to disk. */
export const createLead = (input: CreateLead) => call<SaveOutcome>("create_lead", { input });
export const updateLead = (input: UpdateLead) => call<SaveOutcome>("update_lead", { input });
export const logActivity = (input: LogActivity) => call<LeadDetail>("log_activity", { input });
export const moveLead = (input: MoveLead) => call<MoveOutcome>("move_lead", { input });
/** Folds a duplicate into the lead that stays; resolves with the kept lead. */
export const mergeLeads = (input: MergeLeads) => call<LeadDetail>("merge_leads", { input });

export const getLead = (id: number) => call<LeadDetail>("get_lead", { input: { id } });
export const listLeads = (input: LeadQuery) => call<LeadPage>("list_leads", { input });
