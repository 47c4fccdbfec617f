import { call } from "./invoke";

/** Fills an empty workspace with sample leads (through the same rules as real ones); resolves
 * to how many leads were added. */
export const loadSample = () => call<number>("load_sample");
