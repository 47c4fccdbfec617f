import { describe, expect, it } from "vitest";
import { EngineClock, phase, span } from "./countdown";

describe("EngineClock", () => {
  it("counts on from the engine's time, whatever the screen's clock says", () => {
    let mono = 1_000;
    let wall = Date.parse("2030-01-01T00:00:00Z"); // the screen's clock is years off
    const clock = new EngineClock(() => mono, () => wall);
    clock.sync("2026-11-25T10:00:00Z");
    mono += 65_000;
    wall += 65_000;
    expect(new Date(clock.now()).toISOString()).toBe("2026-11-25T10:01:05.000Z");
    expect(clock.drifted()).toBe(false);
  });

  it("notices a sleep or a clock change so the screen asks the engine again", () => {
    let mono = 0;
    let wall = 0;
    const clock = new EngineClock(() => mono, () => wall);
    clock.sync("2026-11-25T10:00:00Z");
    wall += 3_600_000; // an hour asleep: the monotonic timer did not move
    mono += 1_000;
    expect(clock.drifted()).toBe(true);
    clock.sync("2026-11-25T11:00:01Z");
    expect(clock.drifted()).toBe(false);
    wall -= 600_000; // someone set the clock back ten minutes
    expect(clock.drifted()).toBe(true);
  });
});

describe("phase and span", () => {
  it("goes green, amber, red, overdue as the allowance runs out", () => {
    const allowance = 30 * 60_000;
    expect(phase(20 * 60_000, allowance)).toBe("green");
    expect(phase(10 * 60_000, allowance)).toBe("amber");
    expect(phase(5 * 60_000, allowance)).toBe("red");
    expect(phase(0, allowance)).toBe("red");
    expect(phase(-1, allowance)).toBe("overdue");
  });

  it("writes spans as a clock, with whole days apart", () => {
    expect(span(4 * 60_000 + 5_000)).toEqual({ days: 0, clock: "4:05" });
    expect(span(-(3_600_000 + 2 * 60_000 + 3_000))).toEqual({ days: 0, clock: "1:02:03" });
    expect(span(2 * 86_400_000 + 3 * 3_600_000)).toEqual({ days: 2, clock: "3:00:00" });
  });
});
