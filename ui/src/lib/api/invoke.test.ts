import { beforeEach, describe, expect, it, vi } from "vitest";

// A hand-rolled fake rather than vi.fn: vitest 4 reports a spy's rejected promise as an
// unhandled error even when the caller catches it.
const calls: unknown[][] = [];
let answer: () => Promise<unknown> = () => Promise.resolve(undefined);
vi.mock("@tauri-apps/api/core", () => ({
  invoke: (...args: unknown[]) => {
    calls.push(args);
    return answer();
  },
}));

import { call, LajuError } from "./invoke";

async function failureOf(promise: Promise<unknown>): Promise<LajuError> {
  const failure = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(failure).toBeInstanceOf(LajuError);
  return failure as LajuError;
}

describe("call", () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it("passes the command and its input through and returns the result", async () => {
    answer = () => Promise.resolve({ locale: "ms" });
    await expect(call("save_preferences", { input: { locale: "ms" } })).resolves.toEqual({ locale: "ms" });
    expect(calls).toEqual([["save_preferences", { input: { locale: "ms" } }]]);
  });

  it("turns the backend's { code, message } into a LajuError the UI can branch on", async () => {
    answer = () => Promise.reject({ code: "StoreLocked", message: "The data folder /x is already in use" });
    const failure = await failureOf(call("app_status"));
    expect(failure.code).toBe("StoreLocked");
    expect(failure.message).toBe("The data folder /x is already in use");
  });

  it("wraps anything else as Internal with its text", async () => {
    answer = () => Promise.reject("window closed");
    const failure = await failureOf(call("app_status"));
    expect(failure.code).toBe("Internal");
    expect(failure.message).toBe("window closed");
  });
});
