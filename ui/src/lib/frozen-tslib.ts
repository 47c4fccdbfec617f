/**
 * tslib, with an `__extends` that works under Tauri's `freezePrototype`. tslib's version sets
 * `this.constructor = d` on an object whose prototype chain ends at the frozen
 * `Object.prototype`, where `constructor` is read-only, so ECharts (whose classes all go
 * through it) threw at load and the window stayed blank. Defining the property instead of
 * assigning it is not blocked by the frozen prototype. Vite aliases "tslib" to this module;
 * every other helper is tslib's own.
 */
export * from "tslib/tslib.es6.mjs";

export function __extends(derived: Function, base: Function | null): void {
  if (typeof base !== "function" && base !== null) {
    throw new TypeError(`Class extends value ${String(base)} is not a constructor or null`);
  }
  Object.setPrototypeOf(derived, base ?? Function.prototype);
  derived.prototype = Object.create(base === null ? null : base.prototype, {
    constructor: { value: derived, writable: true, configurable: true },
  });
}
