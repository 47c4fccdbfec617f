import type { BlackHoles } from "../bindings/BlackHoles";
import type { FunnelAnswer } from "../bindings/FunnelAnswer";
import type { ReportQuery } from "../bindings/ReportQuery";
import type { SlaAnswer } from "../bindings/SlaAnswer";
import type { StallReport } from "../bindings/StallReport";
import type { VelocityAnswer } from "../bindings/VelocityAnswer";
import type { SaveChart } from "../bindings/SaveChart";
import { call } from "./invoke";

/** The funnel reports: the backend computes every number; these only carry the query. */
export const funnelReport = (input: ReportQuery) => call<FunnelAnswer>("funnel_report", { input });
export const velocityReport = (input: ReportQuery) => call<VelocityAnswer>("velocity_report", { input });
export const stallReport = (input: ReportQuery) => call<StallReport>("stall_report", { input });
export const blackHoles = (input: ReportQuery) => call<BlackHoles>("black_holes", { input });
export const slaReport = (input: ReportQuery) => call<SlaAnswer>("sla_report", { input });

/** Saves a chart PNG in the Downloads folder; resolves with the file's path. */
export const saveChartPng = (input: SaveChart) => call<string>("save_chart_png", { input });
