use super::AppState;
use crate::actor::current_actor;
use laju_engine::handoff::{
    AcceptHandoff, HandoffPacket, Inbox, InboxQuery, ReassignHandoff, RejectHandoff,
};
use laju_engine::leads::{GetLead, LeadDetail, MoveOutcome};
use laju_engine::ApiError;
use tauri::State;

#[tauri::command]
pub async fn get_inbox(state: State<'_, AppState>, input: InboxQuery) -> Result<Inbox, ApiError> {
    Ok(state.workspace()?.inbox(&input)?)
}

#[tauri::command]
pub async fn get_handoff_packet(
    state: State<'_, AppState>,
    input: GetLead,
) -> Result<HandoffPacket, ApiError> {
    Ok(state.workspace()?.handoff_packet(input.id)?)
}

#[tauri::command]
pub async fn accept_handoff(
    state: State<'_, AppState>,
    input: AcceptHandoff,
) -> Result<MoveOutcome, ApiError> {
    Ok(state.workspace()?.accept_handoff(input, &current_actor())?)
}

#[tauri::command]
pub async fn reject_handoff(
    state: State<'_, AppState>,
    input: RejectHandoff,
) -> Result<MoveOutcome, ApiError> {
    Ok(state.workspace()?.reject_handoff(input, &current_actor())?)
}

#[tauri::command]
pub async fn reassign_handoff(
    state: State<'_, AppState>,
    input: ReassignHandoff,
) -> Result<LeadDetail, ApiError> {
    Ok(state
        .workspace()?
        .reassign_handoff(input, &current_actor())?)
}
