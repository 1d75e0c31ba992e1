// The form page: conditions, live checks, drafts, and Finish into the outbox.
// Without IndexedDB the page keeps working as a plain HTML POST; this only adds to it.

import { autosave, FinishedElsewhere, finishDraft, listDrafts } from "./drafts.js";
import { holds, problemWith } from "./form-checks.js";
import {
  answerInputs,
  clearInputs,
  collectAnswers,
  fillDefaults,
  rawValues,
  restoreValues,
  setAnswer,
  tickOther,
  typedAnswer,
} from "./form-fields.js";
import { setUpSteps } from "./form-steps.js";
import { onChange, sendFinishedTo } from "./outbox.js";
import { syncNow } from "./sync.js";
import { ui } from "./ui-strings.js";

const newUuid = () => crypto.randomUUID();

/** Steps, conditions and checks at once; `useStorage` adds drafts and Finish-to-outbox. */
export function setUpForm() {
  const form = document.getElementById("answer-form");
  const { form: formKey, campaign = "", lang, version } = form.dataset;
  sendFinishedTo(form.dataset.submitUrl); // a respondent link's page: its own address
  const rules = JSON.parse(document.getElementById("form-rules").textContent).questions;
  const boxOf = (rule) => form.querySelector(`[data-question="${rule.id}"]`);
  const uuidInput = form.elements.namedItem("submission_uuid");
  const startedInput = form.elements.namedItem("started_at");
  const steps = setUpSteps(form);
  const status = messageLine(form);
  const touched = new Set(); // questions to check live: those the person has been at
  let storage = false; // until told otherwise, Finish is the plain POST
  let kiosk = false; // the phone handed to a respondent (kiosk.js)

  /**
   * Hide (and clear) what conditions exclude, as the server does; the answers left.
   * A question that comes into view starts with its default, as on a new page; not when
   * answers are put back (`defaults: false`), which may have emptied a default on purpose.
   */
  function applyConditions({ defaults = true } = {}) {
    const answers = collectAnswers(rules, form);
    for (const rule of rules) {
      const box = boxOf(rule);
      const hidden = rule.show_if !== null && !holds(rule.show_if, answers, null, true);
      const wasHidden = box.classList.contains("hidden-by-condition");
      if (hidden) {
        // A default of a question the person never saw must not be sent as their answer.
        clearInputs(answerInputs(box));
        delete answers[rule.id];
        delete answers[`${rule.id}_other`];
        touched.delete(rule.id);
        showProblem(rule, null);
      } else if (wasHidden && defaults && (rule.default ?? null) !== null) {
        setAnswer(answerInputs(box), rule.default);
        // Later conditions may read it; they come after it (show_if reads earlier ones).
        answers[rule.id] = typedAnswer(rule, form);
      }
      box.classList.toggle("hidden-by-condition", hidden);
    }
    steps.refresh();
    return answers;
  }

  /** Check the touched questions; the first one with a problem, or null. */
  function check(answers) {
    let first = null;
    for (const rule of rules) {
      if (!touched.has(rule.id) || boxOf(rule).classList.contains("hidden-by-condition")) continue;
      const problem = problemWith(rule, typedAnswer(rule, form), answers);
      showProblem(rule, problem);
      first ??= problem ? boxOf(rule) : null;
    }
    return first;
  }

  function showProblem(rule, problem) {
    const box = boxOf(rule);
    document.getElementById(`error-${rule.id}`).textContent = problem ?? "";
    box.classList.toggle("has-error", Boolean(problem));
    // aria-invalid="" would mean false: a screen reader is told "invalid" only by "true".
    for (const input of answerInputs(box)) {
      if (problem) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
  }

  function onEdit(event) {
    const box = event.target.closest("[data-question]");
    if (!box) return;
    if (event.target.name.endsWith("_other")) tickOther(event.target);
    if (!startedInput.value) {
      startedInput.value = new Date().toISOString(); // the first answer starts the interview
      status("");
    }
    touched.add(box.dataset.question);
    check(applyConditions());
  }

  /** A new interview with a new uuid, back at the first section: each question empty or
   * with its default, from the rules (the page's inputs may hold someone's answers). */
  function startNew(message) {
    clearInputs(answerInputs(form));
    fillDefaults(rules, form);
    uuidInput.value = newUuid();
    startedInput.value = "";
    touched.clear();
    for (const rule of rules) showProblem(rule, null);
    applyConditions();
    steps.show(0, { focus: false });
    status(message);
    scrollTo(0, 0);
  }

  async function finish(event) {
    for (const rule of rules) touched.add(rule.id);
    const answers = applyConditions();
    const firstProblem = check(answers);
    if (firstProblem) {
      event.preventDefault();
      steps.reveal(firstProblem);
      answerInputs(firstProblem)[0]?.focus();
      return status(ui.fix_errors);
    }
    if (!storage) return; // the plain POST goes, with the same answers
    event.preventDefault();
    const payload = {
      uuid: uuidInput.value,
      form: formKey,
      version: Number(version),
      campaign: campaign || null,
      lang,
      started_at: startedInput.value || null,
      completed_at: new Date().toISOString(),
      answers,
    };
    // Blank the form at once: the next interview may start before the write is done.
    const left = { values: rawValues(form), started: startedInput.value };
    startNew(ui.saved);
    try {
      await finishDraft(payload.uuid, payload);
      syncNow();
    } catch (error) {
      if (error instanceof FinishedElsewhere) return status(ui.finished_elsewhere);
      // Not kept: put the answers back, and let the next Finish go as a plain POST.
      restoreValues(form, left.values);
      uuidInput.value = payload.uuid;
      startedInput.value = left.started;
      applyConditions({ defaults: false });
      storageFailed(error);
    }
  }

  /** The draft to keep, or null before the first answer. */
  function currentDraft() {
    if (!startedInput.value) return null;
    return {
      uuid: uuidInput.value,
      form: formKey,
      version: Number(version),
      campaign: campaign || null,
      lang,
      pageUrl: kiosk ? kioskPageUrl() : location.pathname + location.search,
      kiosk,
      startedAt: startedInput.value,
      updatedAt: new Date().toISOString(),
      answers: rawValues(form),
    };
  }

  function storageFailed(error) {
    console.error("cannot keep answers on this phone", error);
    storage = false;
    document.getElementById("storage-warning").hidden = false;
    status(ui.storage_unavailable);
  }

  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);
  form.addEventListener("submit", finish);
  form.addEventListener("keydown", (event) => {
    // Enter in a one-line field goes to the next section rather than finishing early.
    if (event.key === "Enter" && event.target.tagName === "INPUT" && !steps.isLast()) {
      event.preventDefault();
      steps.goNext();
    }
  });
  check(applyConditions());

  async function useStorage(works, inKiosk = false) {
    kiosk = inKiosk;
    storage = works;
    if (!storage) return;
    const wanted = new URLSearchParams(location.hash.slice(1)).get("draft");
    const mine = await listDrafts().catch(() => []);
    const drafts = mine.filter((d) => d.form === formKey && d.campaign === (campaign || null));
    // Only the named draft in kiosk mode: never someone else's answers. Unnamed, the
    // interviewer's page resumes their newest, never a respondent's from kiosk mode.
    const newest = kiosk ? null : drafts.find((d) => !d.kiosk);
    const draft = drafts.find((d) => d.uuid === wanted) ?? newest ?? null;
    // A page served from the offline cache carries an old uuid: never reuse it.
    uuidInput.value = draft?.uuid ?? newUuid();
    if (draft) {
      restoreValues(form, draft.answers);
      startedInput.value = draft.startedAt ?? "";
      for (const rule of rules) if (typedAnswer(rule, form) !== undefined) touched.add(rule.id);
      check(applyConditions({ defaults: false }));
      status(ui.draft_resumed);
    }
    autosave(form, currentDraft, {
      onFinishedElsewhere: () => startNew(ui.finished_elsewhere),
      onError: storageFailed,
    });
    // Another tab finished this very interview: this copy must not become a second one.
    onChange((detail, remote) => {
      if (remote && detail.finished === uuidInput.value) startNew(ui.finished_elsewhere);
    });
  }

  return { useStorage, startNew };
}

/** Where "Continue" on the home page opens a kiosk draft: in kiosk mode again. */
function kioskPageUrl() {
  const url = new URL(location.href);
  url.searchParams.set("kiosk", "1");
  return url.pathname + url.search;
}

/** A status line above the form, for what happened to the interview as a whole. */
function messageLine(form) {
  const line = document.createElement("p");
  line.className = "note";
  line.setAttribute("role", "status");
  line.hidden = true;
  form.before(line);
  return (text) => {
    line.textContent = text;
    line.hidden = !text;
  };
}
