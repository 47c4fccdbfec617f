/** SLA countdowns count from the engine's clock, never the screen's: the inbox answer carries
 * the engine's "now", and a monotonic timer carries it forward between answers. When the wall
 * clock and the monotonic timer disagree (the laptop slept, or someone changed the clock), the
 * screen asks the engine again instead of trusting either. */
export class EngineClock {
  #engineMs = 0;
  #monoAt = 0;
  #wallAt = 0;

  constructor(
    private readonly mono: () => number = () => performance.now(),
    private readonly wall: () => number = () => Date.now(),
  ) {}

  sync(engineNow: string): void {
    this.#engineMs = Date.parse(engineNow);
    this.#monoAt = this.mono();
    this.#wallAt = this.wall();
  }

  now(): number {
    return this.#engineMs + (this.mono() - this.#monoAt);
  }

  /** The two clocks moved apart by more than `toleranceMs` since the last sync. */
  drifted(toleranceMs = 2000): boolean {
    return Math.abs(this.wall() - this.#wallAt - (this.mono() - this.#monoAt)) > toleranceMs;
  }
}

export type Phase = "green" | "amber" | "red" | "overdue";

/** Green with more than half the allowance left, amber above a fifth, then red, then overdue. */
export function phase(remainingMs: number, allowanceMs: number): Phase {
  if (remainingMs < 0) return "overdue";
  const share = allowanceMs > 0 ? remainingMs / allowanceMs : 0;
  if (share > 0.5) return "green";
  if (share > 0.2) return "amber";
  return "red";
}

export type Span = { days: number; clock: string };

/** A span as whole days plus "h:mm:ss" (or "m:ss" under an hour); the caller words the days. */
export function span(ms: number): Span {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = h > 0 || days > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
  return { days, clock };
}
