// Reading and writing the answer inputs: raw text for drafts (a resumed form looks exactly
// as it was left, typos included), typed answers for the API (numbers, lists, true).

const WHOLE_NUMBER = /^[-+]?\d+$/;
const NUMBER = /^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/; // "2,5" as Latvian and Russian write it
const OTHER = "other";

/** Inputs that hold answers (named by question id or `<id>_other`), not the bookkeeping ones. */
export function answerInputs(root) {
  return [...root.querySelectorAll("input[name], textarea[name], select[name]")].filter(
    (input) => !["hidden", "submit", "button"].includes(input.type),
  );
}

const isChoice = (input) => input.type === "checkbox" || input.type === "radio";

/** {name: text, or a list of texts for several ticked boxes} of everything filled in. */
export function rawValues(form) {
  const values = {};
  for (const input of answerInputs(form)) {
    if ((isChoice(input) && !input.checked) || input.value === "") continue;
    const before = values[input.name];
    values[input.name] = before === undefined ? input.value : [].concat(before, input.value);
  }
  return values;
}

export function restoreValues(form, values) {
  for (const input of answerInputs(form)) {
    const wanted = [].concat(values[input.name] ?? []);
    if (isChoice(input)) input.checked = wanted.includes(input.value);
    else input.value = wanted[0] ?? "";
  }
}

export function clearInputs(inputs) {
  for (const input of inputs) {
    if (isChoice(input)) input.checked = false;
    else input.value = "";
  }
}

/**
 * Put a typed answer (a question's default: text, a number, a code or a list of codes)
 * into its inputs, as if the person had given it; null or undefined leaves them empty.
 */
export function setAnswer(inputs, value) {
  const wanted = value === null || value === undefined ? [] : [].concat(value).map(String);
  for (const input of inputs) {
    if (isChoice(input)) input.checked = wanted.includes(input.value);
    else input.value = wanted[0] ?? "";
  }
}

/** Each question's inputs with its default (the page's rules say which), others empty. */
export function fillDefaults(rules, form) {
  for (const rule of rules) setAnswer(inputsNamed(form, rule.id), rule.default);
}

function inputsNamed(form, name) {
  return answerInputs(form).filter((input) => input.name === name);
}

/**
 * The answer to one question as the API wants it: undefined when unanswered, NaN when
 * the text is not a number of the asked kind (so checks can say what is wrong).
 */
export function typedAnswer(rule, form) {
  const inputs = inputsNamed(form, rule.id);
  if (inputs.length === 0) return undefined; // a note
  if (isChoice(inputs[0])) {
    const chosen = inputs.filter((input) => input.checked).map((input) => input.value);
    if (chosen.length === 0) return undefined;
    if (rule.type === "select_multiple") return chosen;
    if (rule.type === "scale") return Number(chosen[0]);
    if (rule.type === "consent") return true;
    return chosen[0];
  }
  const text = inputs[0].value.trim();
  if (text === "") return undefined;
  const compact = text.replace(/\s/g, "");
  if (rule.type === "integer") return WHOLE_NUMBER.test(compact) ? Number(compact) : NaN;
  if (rule.type === "decimal") {
    return NUMBER.test(compact) ? Number(compact.replace(",", ".")) : NaN;
  }
  return text;
}

/** Every valid answer, with `<id>_other` only when "other" is chosen. */
export function collectAnswers(rules, form) {
  const answers = {};
  for (const rule of rules) {
    const value = typedAnswer(rule, form);
    if (value === undefined || Number.isNaN(value)) continue;
    answers[rule.id] = value;
    const other = rule.other && [].concat(value).includes(OTHER);
    const otherText = other ? inputsNamed(form, `${rule.id}_other`)[0]?.value.trim() : "";
    if (otherText) answers[`${rule.id}_other`] = otherText;
  }
  return answers;
}

/** Typing an "other" text ticks "other": the text would otherwise be left out unseen. */
export function tickOther(input) {
  const name = input.name.replace(/_other$/, "");
  const option = input.form.querySelector(`input[name="${name}"][value="${OTHER}"]`);
  if (option && input.value.trim()) option.checked = true;
}
