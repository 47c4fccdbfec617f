import { describe, expect, it } from "vitest";
import { __extends } from "./frozen-tslib";

describe("__extends under a frozen Object.prototype", () => {
  it("builds a subclass without assigning to the read-only constructor", () => {
    // Freezing the real Object.prototype would leak into every other test in this worker, so
    // the frozen chain is built by hand: a base whose prototype inherits a read-only
    // `constructor`, as every object does once Tauri freezes Object.prototype.
    const frozenRoot = Object.freeze(Object.create(null, { constructor: { value: Object, writable: false } }));
    function Base(this: { kind: string }) {
      this.kind = "base";
    }
    Base.prototype = Object.create(frozenRoot);
    Base.prototype.hello = () => "hi";
    function Derived(this: { kind: string }) {
      Base.call(this);
    }
    __extends(Derived, Base);
    const made = new (Derived as unknown as new () => { kind: string; hello(): string })();
    expect(made.kind).toBe("base");
    expect(made.hello()).toBe("hi");
    expect(made instanceof (Base as unknown as new () => object)).toBe(true);
    expect(Derived.prototype.constructor).toBe(Derived);
  });
});
