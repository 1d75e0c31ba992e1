// The expression language of questionnaires (show_if conditions and constraint rules), evaluated
// in the browser. This is the twin of the Python evaluator in collector/schema/expressions/:
// trees.py checks a tree's shape, evaluator.py states the evaluation rules in its docstring, and
// tests/expressions/cases.json is run against both, so the two must give identical results.
// Only the server parses; this module takes the JSON syntax tree stored in the published schema.

export class ExpressionError extends Error {
  constructor(message) {
    super(message);
    this.name = "ExpressionError";
  }
}

const MAX_TREE_DEPTH = 300;
const MAX_ANSWER_DEPTH = 32; // nested lists and objects inside one answer
const CURRENT_VALUE = ".";
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const OPERATOR_ARITY = new Map([
  ...["or", "and", "==", "!=", "<", "<=", ">", ">=", "in", "+", "-", "*", "/"].map((op) => [op, 2]),
  ["not", 1],
  ["neg", 1],
]);
const FUNCTION_ARITY = new Map([
  ["selected", 2],
  ["count", 1],
  ["answered", 1],
  ["length", 1],
  ["today", 0],
]);
const FUNCTIONS_READING_A_QUESTION = new Set(["selected", "count", "answered", "length"]);
const NODE_KEYS = {
  lit: ["lit"],
  list: ["list"],
  ref: ["ref"],
  op: ["op", "args"],
  call: ["call", "args"],
};

// ---------------------------------------------------------------------------------------------
// Public functions

/** Evaluate a syntax tree against the answers (an object of question id to answer). */
export function evaluate(tree, answers = {}, { current = null, today = null } = {}) {
  checkTree(tree);
  if (!isPlainObject(answers)) throw new ExpressionError("the answers must be an object");
  return evaluateNode(tree, { answers, current, today: todayAsText(today) });
}

/** Whether the tree holds: null, false, 0, "" and [] are false, everything else true. */
export function evaluateBool(tree, answers, options) {
  return truthy(evaluate(tree, answers, options));
}

/** The question ids the tree reads, in order of first appearance, without ".". */
export function referencedIds(tree) {
  checkTree(tree);
  const names = [...references(tree)].filter((name) => name !== CURRENT_VALUE);
  return [...new Set(names)];
}

function* references(node) {
  if (has(node, "ref")) yield node.ref;
  for (const child of node.list ?? node.args ?? []) yield* references(child);
}

// ---------------------------------------------------------------------------------------------
// The checker: stored trees must have the documented shape before anything walks them.

function checkTree(node, depth = 1) {
  if (depth > MAX_TREE_DEPTH) throw new ExpressionError("expression is nested too deeply");
  if (!isPlainObject(node)) throw badTree(`a node must be an object, not ${kindOf(node)}`);
  const kind = Object.keys(NODE_KEYS).find((key) => has(node, key));
  if (kind === undefined) throw badTree(`unknown node with keys ${Object.keys(node)}`);
  const keys = Object.keys(node);
  if (keys.length !== NODE_KEYS[kind].length || !NODE_KEYS[kind].every((key) => has(node, key))) {
    throw badTree(`a node with keys ${keys} is not one of the node kinds`);
  }
  if (kind === "lit") checkLiteral(node.lit);
  if (kind === "list") checkChildren(node.list, "list", depth);
  if (kind === "ref") checkReference(node.ref);
  if (kind === "op") checkOperation(node, depth);
  if (kind === "call") checkCall(node, depth);
}

function checkLiteral(value) {
  const plain = value === null || ["boolean", "string"].includes(typeof value);
  if (!plain && !(typeof value === "number" && Number.isFinite(value))) {
    throw badTree("a literal must be a number, text, true, false or null");
  }
}

function checkReference(name) {
  if (name !== CURRENT_VALUE && !(typeof name === "string" && IDENTIFIER.test(name))) {
    throw badTree(`${String(name).slice(0, 40)} is not a question id`);
  }
}

function checkOperation({ op, args }, depth) {
  if (typeof op !== "string" || !OPERATOR_ARITY.has(op)) {
    throw badTree(`unknown operator ${String(op)}`);
  }
  checkArity(args, op, OPERATOR_ARITY.get(op));
  checkChildren(args, op, depth);
}

function checkCall({ call, args }, depth) {
  if (typeof call !== "string" || !FUNCTION_ARITY.has(call)) {
    throw badTree(`unknown function ${String(call)}`);
  }
  checkArity(args, call, FUNCTION_ARITY.get(call));
  if (FUNCTIONS_READING_A_QUESTION.has(call) && !(isPlainObject(args[0]) && has(args[0], "ref"))) {
    throw badTree(`the first argument of ${call}() must be a question id`);
  }
  checkChildren(args, call, depth);
}

function checkArity(args, owner, arity) {
  if (!Array.isArray(args)) throw badTree(`the items of '${owner}' must be a list`);
  if (args.length !== arity) throw badTree(`'${owner}' takes ${arity} operands or arguments`);
}

function checkChildren(children, owner, depth) {
  if (!Array.isArray(children)) throw badTree(`the items of '${owner}' must be a list`);
  for (const child of children) checkTree(child, depth + 1);
}

function badTree(problem) {
  return new ExpressionError(`invalid expression tree: ${problem}`);
}

// ---------------------------------------------------------------------------------------------
// The evaluator

function evaluateNode(node, context) {
  if (has(node, "lit")) return plainValue(node.lit, "a literal");
  if (has(node, "list")) return node.list.map((item) => evaluateNode(item, context));
  if (has(node, "ref")) return readAnswer(node.ref, context);
  if (has(node, "call")) return callFunction(node.call, node.args, context);
  const [left, right] = node.args;
  const walk = (child) => evaluateNode(child, context);
  switch (node.op) {
    case "and":
      return truthy(walk(left)) && truthy(walk(right));
    case "or":
      return truthy(walk(left)) || truthy(walk(right));
    case "not":
      return !truthy(walk(left));
    case "neg": {
      const value = walk(left);
      return isNumber(value) ? numberResult(-value) : null;
    }
    default:
      return BINARY_OPERATORS[node.op](walk(left), walk(right));
  }
}

/** An answer as a JSON value: missing is null, numbers normalised, nesting limited. */
function readAnswer(name, { answers, current }) {
  if (name === CURRENT_VALUE) return plainValue(current ?? null, "the current answer");
  const answer = has(answers, name) ? answers[name] ?? null : null;
  return plainValue(answer, `the answer to '${name}'`);
}

function plainValue(value, what, depth = 0) {
  if (depth > MAX_ANSWER_DEPTH) throw new ExpressionError(`${what} is nested too deeply`);
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") return numberResult(value);
  const inner = (item) => plainValue(item, what, depth + 1);
  if (Array.isArray(value)) return Array.from(value, inner);
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inner(item)]));
  }
  throw new ExpressionError(`${what} is a ${kindOf(value)}, which expressions cannot read`);
}

function todayAsText(today) {
  if (today === null || today === undefined) {
    const now = new Date();
    const pad = (number, width) => String(number).padStart(width, "0");
    return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1, 2)}-${pad(now.getDate(), 2)}`;
  }
  const parts = typeof today === "string" ? ISO_DATE.exec(today) : null;
  if (parts && isRealDate(Number(parts[1]), Number(parts[2]), Number(parts[3]))) return today;
  const shown = String(today).slice(0, 40);
  throw new ExpressionError(`today must be a date written YYYY-MM-DD, not ${shown}`);
}

function isRealDate(year, month, day) {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return year >= 1 && days !== undefined && day >= 1 && day <= days;
}

// Functions: selected, count, answered, length, today

function callFunction(name, args, context) {
  if (name === "today") return context.today;
  const answer = readAnswer(args[0].ref, context);
  if (name === "answered") return isAnswered(answer);
  if (name === "count") {
    if (Array.isArray(answer)) return answer.length;
    return isAnswered(answer) ? 1 : 0;
  }
  if (name === "length") {
    if (answer === null) return 0;
    // Code points, as Python's len: text.length would count an emoji as 2 UTF-16 units.
    return typeof answer === "string" ? [...answer].length : null;
  }
  const wanted = evaluateNode(args[1], context);
  if (Array.isArray(answer)) return answer.some((item) => equal(item, wanted));
  return answer !== null && equal(answer, wanted);
}

function isAnswered(value) {
  return !(value === null || value === "" || (Array.isArray(value) && value.length === 0));
}

// Equality: the same JSON value; numbers by value, lists item by item, objects key by key.

function equal(left, right) {
  const kind = kindOf(left);
  if (kind !== kindOf(right)) return false;
  if (kind === "list") {
    return left.length === right.length && left.every((item, index) => equal(item, right[index]));
  }
  if (kind === "object") {
    const keys = Object.keys(left);
    return (
      keys.length === Object.keys(right).length &&
      keys.every((key) => has(right, key) && equal(left[key], right[key]))
    );
  }
  return left === right;
}

// Ordering: two numbers by value, two strings by code point; anything else is false.

function ordering(test) {
  return (left, right) => {
    if (isNumber(left) && isNumber(right)) return test(left, right);
    if (typeof left === "string" && typeof right === "string") {
      return test(codePointOrder(left, right), 0);
    }
    return false;
  };
}

/** -1, 0 or 1 as Python orders str: by code point, not by UTF-16 unit as JavaScript's `<`. */
function codePointOrder(left, right) {
  const lefts = left[Symbol.iterator]();
  const rights = right[Symbol.iterator]();
  for (;;) {
    const a = lefts.next();
    const b = rights.next();
    if (a.done || b.done) return Number(b.done) - Number(a.done);
    const difference = a.value.codePointAt(0) - b.value.codePointAt(0);
    if (difference !== 0) return Math.sign(difference);
  }
}

// Membership: `in`, item by item for a list on the left.

function contains(needle, haystack) {
  if (Array.isArray(needle)) return needle.some((item) => containsOne(item, haystack));
  return containsOne(needle, haystack);
}

function containsOne(needle, haystack) {
  if (Array.isArray(haystack)) return haystack.some((item) => equal(needle, item));
  if (typeof haystack === "string") {
    return typeof needle === "string" && hasSubstring(haystack, needle);
  }
  return false;
}

/** Substring by code points, as Python's `in`: a match may not cut a surrogate pair in two. */
function hasSubstring(text, part) {
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + 1)) {
    if (!splitsPair(text, at) && !splitsPair(text, at + part.length)) return true;
  }
  return false;
}

function splitsPair(text, at) {
  return /[\uD800-\uDBFF]/.test(text[at - 1] ?? "") && /[\uDC00-\uDFFF]/.test(text[at] ?? "");
}

// Arithmetic: numbers only (+ also joins two strings); anything else, or a non-finite result,
// is null.

function arithmetic(calculate) {
  return (left, right) =>
    isNumber(left) && isNumber(right) ? numberResult(calculate(left, right)) : null;
}

const addNumbers = arithmetic((left, right) => left + right);

function add(left, right) {
  if (typeof left === "string" && typeof right === "string") return left + right;
  return addNumbers(left, right);
}

const BINARY_OPERATORS = {
  "==": equal,
  "!=": (left, right) => !equal(left, right),
  "<": ordering((left, right) => left < right),
  "<=": ordering((left, right) => left <= right),
  ">": ordering((left, right) => left > right),
  ">=": ordering((left, right) => left >= right),
  in: contains,
  "+": add,
  "-": arithmetic((left, right) => left - right),
  "*": arithmetic((left, right) => left * right),
  "/": arithmetic((left, right) => left / right), // x / 0 is ±Infinity or NaN, so null
};

// ---------------------------------------------------------------------------------------------
// Values

function numberResult(value) {
  if (!Number.isFinite(value)) return null;
  return value === 0 ? 0 : value; // also turns -0 into 0
}

function isNumber(value) {
  return typeof value === "number";
}

function truthy(value) {
  if (value === false || value === 0) return false;
  return isAnswered(value); // null, "" and [] are false too
}

function kindOf(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  return typeof value === "object" ? "object" : typeof value;
}

function isPlainObject(value) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function has(object, key) {
  return Object.prototype.hasOwnProperty.call(object, key);
}
