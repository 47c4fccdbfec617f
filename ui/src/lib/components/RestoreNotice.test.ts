import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RestoreOutcome } from "../bindings/RestoreOutcome";

const calls: string[] = [];
let answer: () => unknown = () => null;
vi.mock("@tauri-apps/api/core", () => ({
  invoke: async (command: string) => {
    calls.push(command);
    if (command !== "take_restore_outcome") throw { code: "Internal", message: `no fake for ${command}` };
    return answer();
  },
}));

import { applyLocale, setupI18n } from "../i18n";
import { preferences } from "../state/preferences.svelte";
import RestoreNotice from "./RestoreNotice.svelte";

setupI18n();

/** Lets the backend's answer arrive and the component draw it. */
const settled = () => new Promise((resolve) => setTimeout(resolve));

beforeEach(() => {
  calls.length = 0;
  preferences.locale = "en";
  applyLocale("en");
});

afterEach(cleanup);

describe("RestoreNotice", () => {
  it("says what a restore at the restart brought back, asks only once, and goes when dismissed", async () => {
    const restored: RestoreOutcome = {
      type: "restored",
      backup: { path: "/home/ana/laju.lajubak", bytes: 2048, leads: 1234, createdAt: "2026-11-24T09:30:00Z" },
      previous: "/home/ana/.local/share/io.laju.desktop.before-restore-20261125-080000",
    };
    answer = () => restored;
    render(RestoreNotice);

    const notice = await screen.findByRole("status");
    expect(notice.textContent).toContain("Backup restored: 1,234 leads");
    expect(notice.textContent).toContain("io.laju.desktop.before-restore-20261125-080000");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(calls).toEqual(["take_restore_outcome"]);

    await fireEvent.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByTestId("restore-notice")).toBeNull();
  });

  it("alerts that a failed restore left the workspace as it was, with the reason as text", async () => {
    const reason = "The backup <b>/home/ana/laju.lajubak</b> fails its checksum";
    answer = (): RestoreOutcome => ({
      type: "failed",
      path: "/home/ana/laju.lajubak",
      error: { code: "InvalidInput", message: reason },
    });
    preferences.locale = "ms";
    applyLocale("ms");
    render(RestoreNotice);

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Sandaran /home/ana/laju.lajubak tidak dapat dipulihkan");
    expect(screen.getByText(reason)).toBeTruthy();
    expect(document.querySelector("b")).toBeNull();
    expect(screen.queryByRole("status")).toBeNull();

    await fireEvent.click(screen.getByRole("button", { name: "Tutup" }));
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows nothing when no restore ran, or when the backend cannot say", async () => {
    answer = () => null;
    render(RestoreNotice);
    await vi.waitFor(() => expect(calls).toEqual(["take_restore_outcome"]));
    await settled();
    expect(screen.queryByTestId("restore-notice")).toBeNull();
    cleanup();

    answer = () => {
      throw { code: "Internal", message: "no state" };
    };
    render(RestoreNotice);
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    await settled();
    expect(screen.queryByTestId("restore-notice")).toBeNull();
  });
});
