use super::AppState;
use crate::actor::current_actor;
use laju_engine::leads::{
    CreateLead, GetLead, LeadDetail, LeadPage, LeadQuery, LogActivity, MergeLeads, MoveLead,
    MoveOutcome, SaveOutcome, UpdateLead,
};
use laju_engine::ApiError;
use tauri::State;

#[tauri::command]
pub async fn create_lead(
    state: State<'_, AppState>,
    input: CreateLead,
) -> Result<SaveOutcome, ApiError> {
    Ok(state
        .workspace()?
        .create_lead(input.profile, &current_actor())?)
}

#[tauri::command]
pub async fn update_lead(
    state: State<'_, AppState>,
    input: UpdateLead,
) -> Result<SaveOutcome, ApiError> {
    Ok(state.workspace()?.update_lead(input, &current_actor())?)
}

#[tauri::command]
pub async fn log_activity(
    state: State<'_, AppState>,
    input: LogActivity,
) -> Result<LeadDetail, ApiError> {
    Ok(state.workspace()?.log_activity(input, &current_actor())?)
}

#[tauri::command]
pub async fn move_lead(
    state: State<'_, AppState>,
    input: MoveLead,
) -> Result<MoveOutcome, ApiError> {
    Ok(state.workspace()?.move_lead(input, &current_actor())?)
}

#[tauri::command]
pub async fn get_lead(state: State<'_, AppState>, input: GetLead) -> Result<LeadDetail, ApiError> {
    Ok(state.workspace()?.lead_detail(input.id)?)
}

#[tauri::command]
pub async fn list_leads(
    state: State<'_, AppState>,
    input: LeadQuery,
) -> Result<LeadPage, ApiError> {
    Ok(state.workspace()?.list_leads(&input)?)
}

#[tauri::command]
pub async fn merge_leads(
    state: State<'_, AppState>,
    input: MergeLeads,
) -> Result<LeadDetail, ApiError> {
    Ok(state.workspace()?.merge_leads(input, &current_actor())?)
}
