import { invoke } from "@tauri-apps/api/core";
import type { ApiError } from "../bindings/ApiError";
import type { ErrorCode } from "../bindings/ErrorCode";

/** A failed command, carrying the backend's closed `ErrorCode` for the UI to branch on. */
export class LajuError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "LajuError";
    this.code = code;
  }
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ApiError).code === "string" &&
    typeof (value as ApiError).message === "string"
  );
}

/** The one door to the backend: every command goes through here. */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (failure) {
    if (isApiError(failure)) throw new LajuError(failure.code, failure.message);
    throw new LajuError("Internal", String(failure));
  }
}
