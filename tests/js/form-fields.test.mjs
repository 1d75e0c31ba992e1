// Defaults in the answer inputs: a new interview starts with them, a draft put back keeps
// what the person left (an emptied default too). Run: node --test tests/js/
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  fillDefaults,
  rawValues,
  restoreValues,
  setAnswer,
  typedAnswer,
} from "../../collector/static/js/form-fields.js";

/** Just enough of a form for form-fields.js: named inputs found by querySelectorAll. */
function fakeForm(inputs) {
  return { querySelectorAll: () => inputs };
}

const input = (name, type, value = "") => ({ name, type, value, checked: false });

function pageInputs() {
  return [
    input("submission_uuid", "hidden", "u-1"),
    input("name", "text"),
    input("people", "text"),
    input("weight", "text"),
    input("pets", "checkbox", "cat"),
    input("pets", "checkbox", "dog"),
    input("pets", "checkbox", "fish"),
    input("mood", "radio", "1"),
    input("mood", "radio", "2"),
    input("mood", "radio", "3"),
    input("car", "radio", "yes"),
    input("car", "radio", "no"),
    input("plain", "text"),
  ];
}

const RULES = [
  { id: "name", type: "text", default: "Ilze" },
  { id: "people", type: "integer", default: 2 },
  { id: "weight", type: "decimal", default: 2.5 },
  { id: "pets", type: "select_multiple", default: ["cat", "fish"] },
  { id: "mood", type: "scale", default: 3 },
  { id: "car", type: "yes_no", default: "no" },
  { id: "plain", type: "text", default: null },
];

describe("defaults", () => {
  test("fillDefaults gives each question its default as the typed answer the API gets", () => {
    const form = fakeForm(pageInputs());
    fillDefaults(RULES, form);
    for (const rule of RULES) {
      assert.deepEqual(typedAnswer(rule, form), rule.default ?? undefined, rule.id);
    }
  });

  test("fillDefaults empties what a previous person left in a question with no default", () => {
    const inputs = pageInputs();
    const form = fakeForm(inputs);
    restoreValues(form, { plain: "the last person", pets: ["dog"] });
    fillDefaults(RULES, form);
    assert.equal(typedAnswer(RULES[6], form), undefined);
    assert.deepEqual(typedAnswer(RULES[3], form), ["cat", "fish"]);
  });

  test("the hidden bookkeeping inputs are not touched", () => {
    const inputs = pageInputs();
    fillDefaults(RULES, fakeForm(inputs));
    assert.equal(inputs[0].value, "u-1");
  });

  test("setAnswer with null leaves the inputs empty", () => {
    const boxes = [input("pets", "checkbox", "cat"), input("pets", "checkbox", "dog")];
    boxes[0].checked = true;
    setAnswer(boxes, null);
    assert.deepEqual(
      boxes.map((box) => box.checked),
      [false, false],
    );
  });

  test("a draft with an emptied default puts it back empty, not with the default", () => {
    const before = fakeForm(pageInputs());
    fillDefaults(RULES, before);
    const nameInput = before.querySelectorAll().find((i) => i.name === "name");
    nameInput.value = ""; // the person cleared the default
    const kept = rawValues(before);
    assert.equal("name" in kept, false);

    const after = fakeForm(pageInputs()); // the page again, with its defaults
    fillDefaults(RULES, after);
    restoreValues(after, kept);
    assert.equal(typedAnswer(RULES[0], after), undefined);
    assert.equal(typedAnswer(RULES[1], after), 2);
  });
});
