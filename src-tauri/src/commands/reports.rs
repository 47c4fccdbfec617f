use super::AppState;
use laju_engine::analytics::{
    BlackHoles, FunnelAnswer, ReportQuery, SlaAnswer, StallReport, VelocityAnswer,
};
use laju_engine::ApiError;
use tauri::State;

#[tauri::command]
pub async fn funnel_report(
    state: State<'_, AppState>,
    input: ReportQuery,
) -> Result<FunnelAnswer, ApiError> {
    Ok(state.workspace()?.funnel_report(&input)?)
}

#[tauri::command]
pub async fn velocity_report(
    state: State<'_, AppState>,
    input: ReportQuery,
) -> Result<VelocityAnswer, ApiError> {
    Ok(state.workspace()?.velocity_report(&input)?)
}

#[tauri::command]
pub async fn stall_report(
    state: State<'_, AppState>,
    input: ReportQuery,
) -> Result<StallReport, ApiError> {
    Ok(state.workspace()?.stall_report(&input)?)
}

#[tauri::command]
pub async fn black_holes(
    state: State<'_, AppState>,
    input: ReportQuery,
) -> Result<BlackHoles, ApiError> {
    Ok(state.workspace()?.black_holes(&input)?)
}

#[tauri::command]
pub async fn sla_report(
    state: State<'_, AppState>,
    input: ReportQuery,
) -> Result<SlaAnswer, ApiError> {
    Ok(state.workspace()?.sla_report(&input)?)
}
