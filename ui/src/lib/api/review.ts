import type { Review } from "../bindings/Review";
import type { ReviewQuarters } from "../bindings/ReviewQuarters";
import { call } from "./invoke";

/** The quarters the workspace has leads created in, and the current one, newest first. */
export const reviewQuarters = () => call<ReviewQuarters>("review_quarters");

/** One quarter's review ("2026Q4"): every figure and verdict is the backend's. */
export const quarterlyReview = (quarter: string) => call<Review>("quarterly_review", { input: { quarter } });
