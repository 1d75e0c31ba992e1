// The browser's expression evaluator against the cases it shares with the Python one.
// Run from the repository root: node --test tests/js/
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import {
  ExpressionError,
  evaluate,
  evaluateBool,
  referencedIds,
} from "../../collector/static/js/expressions.js";

const CASES_FILE = new URL("../expressions/cases.json", import.meta.url);
const CASES = JSON.parse(readFileSync(CASES_FILE, "utf8"));

function isTruthy(value) {
  const empty = value === "" || (Array.isArray(value) && value.length === 0);
  return !(value === null || value === false || value === 0 || empty);
}

function nestedTree(depth) {
  let tree = { lit: 1 };
  for (let level = 1; level < depth; level += 1) tree = { op: "neg", args: [tree] };
  return tree;
}

describe("eval cases", () => {
  for (const { name, tree, answers = {}, current = null, today = null, expected } of CASES.eval) {
    test(name, () => {
      // deepStrictEqual tells -0 from 0, as the cases require.
      assert.deepStrictEqual(evaluate(tree, answers, { current, today }), expected);
      assert.equal(evaluateBool(tree, answers, { current, today }), isTruthy(expected));
    });
  }
});

describe("bad trees", () => {
  for (const { name, tree } of CASES.bad_trees) {
    test(name, () => {
      assert.throws(() => evaluate(tree, { a: 1, q: ["x"] }), ExpressionError);
      assert.throws(() => referencedIds(tree), ExpressionError);
    });
  }

  test("a tree nested deeper than 300 nodes", () => {
    assert.equal(Math.abs(evaluate(nestedTree(300), {})), 1);
    assert.throws(() => evaluate(nestedTree(301), {}), ExpressionError);
    assert.throws(() => evaluate(nestedTree(100_000), {}), ExpressionError);
  });

  test("a tree that contains itself", () => {
    const cyclic = { op: "not", args: [] };
    cyclic.args.push(cyclic);
    assert.throws(() => evaluate(cyclic, {}), ExpressionError);
    assert.throws(() => referencedIds(cyclic), ExpressionError);
  });
});

describe("referencedIds", () => {
  const byExpr = Object.fromEntries(CASES.trees.map(({ expr, tree }) => [expr, tree]));

  test("in order of first appearance, without '.'", () => {
    assert.deepStrictEqual(referencedIds(byExpr["a - b - c"]), ["a", "b", "c"]);
    assert.deepStrictEqual(referencedIds(byExpr["not a or b and c"]), ["a", "b", "c"]);
    assert.deepStrictEqual(referencedIds(byExpr[". <= household_size"]), ["household_size"]);
    assert.deepStrictEqual(referencedIds(byExpr["selected(hard_to_reach, 'bank')"]), [
      "hard_to_reach",
    ]);
  });

  test("none", () => {
    assert.deepStrictEqual(referencedIds(byExpr["count(.) > 0"]), []);
    assert.deepStrictEqual(referencedIds(byExpr["today()"]), []);
    assert.deepStrictEqual(referencedIds(byExpr["(1 + 2) * 3"]), []);
  });

  test("each id once", () => {
    const tree = {
      op: "or",
      args: [
        { op: "==", args: [{ ref: "b" }, { ref: "a" }] },
        { call: "selected", args: [{ ref: "b" }, { list: [{ ref: "." }, { ref: "c" }] }] },
      ],
    };
    assert.deepStrictEqual(referencedIds(tree), ["b", "a", "c"]);
  });
});

describe("details of the JavaScript side", () => {
  test("names are looked up only as the answers' own keys", () => {
    assert.equal(evaluate({ ref: "constructor" }, {}), null);
    assert.equal(evaluate({ ref: "toString" }, {}), null);
  });

  test("strings order by code point, as Python orders them", () => {
    const tree = { op: "<", args: [{ lit: "\uffff" }, { lit: "\u{10000}" }] };
    assert.equal(evaluate(tree, {}), true); // JavaScript's own < would say false
  });

  test("a substring may not cut a surrogate pair", () => {
    const tree = { op: "in", args: [{ lit: "\ud83d" }, { lit: "\u{1F600}" }] };
    assert.equal(evaluate(tree, {}), false);
  });

  test("answers that are not finite numbers read as null, -0 as 0", () => {
    assert.equal(evaluate({ ref: "a" }, { a: NaN }), null);
    assert.equal(evaluate({ ref: "." }, {}, { current: -0 }), 0);
    assert.deepStrictEqual(evaluate({ ref: "a" }, { a: [-0, Infinity] }), [0, null]);
  });

  test("an answer nested too deeply is refused", () => {
    let answer = [];
    for (let level = 0; level < 1000; level += 1) answer = [answer];
    assert.throws(() => evaluate({ ref: "." }, {}, { current: answer }), ExpressionError);
  });

  test("today defaults to the local date and must be a real date", () => {
    const tree = { call: "today", args: [] };
    assert.match(evaluate(tree, {}), /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(evaluate(tree, {}, { today: "2024-02-29" }), "2024-02-29");
    const notDates = ["2026-02-30", "2025-02-29", "0000-01-01", "12.05.2026", "20260512", 5];
    for (const today of [...notDates, "2026-05-12T10:00", "２０２６-05-12"]) {
      assert.throws(() => evaluate(tree, {}, { today }), ExpressionError, String(today));
    }
  });
});
