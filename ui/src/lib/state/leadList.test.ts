import { describe, expect, it, vi } from "vitest";
import type { LeadPage } from "../bindings/LeadPage";
import type { LeadQuery } from "../bindings/LeadQuery";
import type { LeadRow } from "../bindings/LeadRow";

// A hand-rolled backend whose answers the test releases one by one, as a slow disk would.
type Pending = { query: LeadQuery; answer: (page: LeadPage) => void };
const pending: Pending[] = [];
vi.mock("@tauri-apps/api/core", () => ({
  invoke: (_command: string, args: { input: LeadQuery }) =>
    new Promise<LeadPage>((answer) => pending.push({ query: args.input, answer })),
}));

import { LeadListState, PAGE_SIZE } from "./leadList.svelte";

const row = (id: number, name: string): LeadRow => ({
  id,
  name,
  company: "",
  email: "",
  owner: null,
  stage: "known",
  priority: 0,
  engagement: 0,
  source: "inbound",
  qualification: "raw",
  fit: "smb",
  quadrant: "lowFitLowInterest",
  temperature: "cold",
  lastActivityAt: "2026-11-01T00:00:00Z",
  stageEnteredAt: "2026-11-01T00:00:00Z",
});

function answerAll(total: number, name: string) {
  for (const { query, answer } of pending.splice(0)) {
    const rows = Array.from({ length: PAGE_SIZE }, (_, i) => row(query.offset + i, name));
    answer({ total, all: total, offset: query.offset, rows });
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("LeadListState", () => {
  it("asks for each page once, however often the viewport asks for it", async () => {
    const list = new LeadListState();
    const first = list.reload();
    answerAll(100_000, "a");
    await first;
    list.ensure(250, 320);
    list.ensure(250, 320); // still on its way: not asked twice
    expect(pending.map((p) => p.query.offset)).toEqual([200, 300]);
    answerAll(100_000, "a");
    await flush();
    list.ensure(0, 99); // cached since reload()
    list.ensure(200, 399); // cached now
    expect(pending).toHaveLength(0);
    expect(list.rowAt(305)?.id).toBe(305);
  });

  it("drops a late answer to the old filters once the filters changed", async () => {
    const list = new LeadListState();
    const first = list.reload();
    answerAll(100_000, "old");
    await first;
    list.ensure(5_000, 5_010); // asked with the old filters, answered late

    list.filters.stage = "customer";
    const again = list.reload();
    const late = pending.splice(0, 1);
    answerAll(40, "new");
    await again;
    for (const { query, answer } of late) {
      answer({ total: 100_000, all: 100_000, offset: query.offset, rows: [row(query.offset, "old")] });
    }
    await flush();
    expect(list.total).toBe(40);
    expect(list.rowAt(0)?.name).toBe("new");
    expect(list.rowAt(5_000)).toBeUndefined();
  });
});
