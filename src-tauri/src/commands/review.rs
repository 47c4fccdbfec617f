//! The Workshop page's quarterly review: the quarters it can show, and one quarter's review.

use super::AppState;
use laju_engine::workshop::review::{Review, ReviewQuarters, ReviewQuery};
use laju_engine::ApiError;
use tauri::State;

#[tauri::command]
pub async fn review_quarters(state: State<'_, AppState>) -> Result<ReviewQuarters, ApiError> {
    Ok(state.workspace()?.review_quarters()?)
}

#[tauri::command]
pub async fn quarterly_review(
    state: State<'_, AppState>,
    input: ReviewQuery,
) -> Result<Review, ApiError> {
    Ok(state.workspace()?.review(&input.quarter)?)
}
