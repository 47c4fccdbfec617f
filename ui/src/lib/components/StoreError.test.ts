import { render, screen } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import { LajuError } from "../api/invoke";
import { setupI18n } from "../i18n";
import StoreError from "./StoreError.svelte";

setupI18n();

describe("StoreError", () => {
  it("explains a locked folder and shows the backend's detail as text, not HTML", () => {
    const detail = "The data folder <b>/home/ana/laju</b> is already in use";
    render(StoreError, { error: new LajuError("StoreLocked", detail) });
    expect(screen.getByRole("alert").textContent).toContain("another Laju window or command");
    expect(screen.getByText(detail)).toBeTruthy();
    expect(document.querySelector("b")).toBeNull();
  });
});
