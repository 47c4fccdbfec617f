// Types for the path frozen-tslib.ts re-exports from: the same helpers as "tslib".
declare module "tslib/tslib.es6.mjs" {
  export * from "tslib";
}
