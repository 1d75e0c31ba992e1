// The checks a person sees while typing: the same rules the server applies on intake
// (required, number kinds, min/max, constraint), worded for the person filling the form.

import { evaluateBool } from "./expressions.js";
import { fill, ui } from "./ui-strings.js";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const localNumber = (number) => number.toLocaleString(document.documentElement.lang);

/** Whether an expression holds; a tree this code cannot read counts as `fallback`
 * (the server checks again on intake, so a browser quirk must not block the form). */
export function holds(tree, answers, current, fallback) {
  try {
    return evaluateBool(tree, answers, { current });
  } catch (error) {
    console.error("expression failed", error);
    return fallback;
  }
}

/** What is wrong with the answer `value` (from typedAnswer) to `rule`, or null. */
export function problemWith(rule, value, answers) {
  if (value === undefined) return rule.required ? ui.required : null;
  if (Number.isNaN(value)) return rule.type === "integer" ? ui.whole_number : ui.number;
  if (rule.type === "date" && !ISO_DATE.test(value)) return ui.date;
  if (typeof value === "number" && rule.min != null && value < rule.min) {
    return fill(ui.too_small, { min: localNumber(rule.min) });
  }
  if (typeof value === "number" && rule.max != null && value > rule.max) {
    return fill(ui.too_large, { max: localNumber(rule.max) });
  }
  if (rule.constraint && !holds(rule.constraint, answers, value, true)) {
    return rule.constraint_message || ui.constraint;
  }
  return null;
}
