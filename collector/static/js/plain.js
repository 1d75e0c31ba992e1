// Plain-language mode (the form has class `plain`; the server decides, see plain_mode in
// forms_ui/views.py): one question per screen with Back/Next, progress as "3 of 9"
// counting only the questions their conditions show, and a "Read aloud" button when the
// browser has a voice for the form's language. Loaded only in this mode (app.js); the
// larger text and the smiley scales are CSS and HTML, so they work without JavaScript.
// Drafts, checks and Finish stay form.js's: only the stepping is replaced.

import { replaceSteps, showProgress } from "./form-steps.js";
import { ui } from "./ui-strings.js";

export function setUpPlain(form) {
  const reader = setUpReadAloud(form);
  replaceSteps((page) => questionSteps(page, reader.stop));
  form.classList.add("one-question", "plain-ready");
}

const isNote = (box) => box.dataset.type === "note";

/** The question after `box` in its section, or null. */
function followingQuestion(box) {
  let next = box.nextElementSibling;
  while (next?.matches(".question") && isNote(next)) next = next.nextElementSibling;
  return next?.matches(".question") ? next : null;
}

/** The notes just before `box` in its section: they are shown on its screen. */
function notesBefore(box) {
  const notes = [];
  let previous = box.previousElementSibling;
  while (previous?.matches(".question") && isNote(previous)) {
    notes.unshift(previous);
    previous = previous.previousElementSibling;
  }
  return notes;
}

/** Stepping by question, in the shape form-steps.js uses. */
function questionSteps(form, stopReading) {
  const boxes = [...form.querySelectorAll(".question")];
  // Each question is a screen; a note goes with the question after it (if there is one).
  const screens = boxes.filter((box) => !isNote(box) || !followingQuestion(box));
  const sections = [...form.querySelectorAll(".step")];
  const back = form.querySelector('[data-action="back"]');
  const next = form.querySelector('[data-action="next"]');
  const finish = form.querySelector('[data-testid="finish"]');
  const progress = document.getElementById("step-progress");
  let current = 0;

  const inUse = (box) => !box.classList.contains("hidden-by-condition");
  const neighbour = (direction) => {
    for (let i = current + direction; i >= 0 && i < screens.length; i += direction) {
      if (inUse(screens[i])) return i;
    }
    return -1;
  };

  function refresh() {
    if (screens.length === 0) return;
    if (!inUse(screens[current])) {
      // Its condition hid the question on screen: the nearest one still asked.
      const later = neighbour(1);
      current = later !== -1 ? later : Math.max(neighbour(-1), current);
    }
    const box = screens[current];
    const shown = [...notesBefore(box), box];
    for (const each of boxes) each.classList.toggle("plain-shown", shown.includes(each));
    const section = box.closest(".step");
    for (const each of sections) each.classList.toggle("current", each === section);
    showProgress(screens, current, inUse, ui.question_of);
    back.hidden = neighbour(-1) === -1;
    next.hidden = neighbour(1) === -1;
    finish.hidden = !next.hidden; // one way on: Next, and Finish only at the end
  }

  function show(index, { focus = true } = {}) {
    current = Math.min(Math.max(index, 0), Math.max(screens.length - 1, 0));
    stopReading();
    refresh();
    if (focus) {
      // Move the reader to the new question (and screen readers with it).
      const first = form.querySelector(".question.plain-shown");
      first.tabIndex = -1;
      first.focus({ preventScroll: true });
      progress.scrollIntoView({ block: "start" });
    }
  }

  return {
    refresh,
    show,
    isLast: () => neighbour(1) === -1,
    goBack: () => show(neighbour(-1)),
    goNext: () => show(neighbour(1)),
    /** Show the screen of the question box `element` (a problem to fix). */
    reveal: (element) => show(screens.indexOf(element.closest(".question")), { focus: false }),
  };
}

/** The words on the screen as a person would read them: question, hint, choices. */
export function screenText(form) {
  const parts = [];
  for (const box of form.querySelectorAll(".question.plain-shown")) {
    const copy = box.cloneNode(true);
    for (const unread of copy.querySelectorAll('[aria-hidden="true"], .field-error')) {
      unread.remove();
    }
    const pieces = copy.querySelectorAll(
      "legend, .note, .consent-text, .question > label, .hint, .option",
    );
    for (const piece of pieces) {
      const text = piece.textContent.replace(/\s+/g, " ").trim();
      if (text) parts.push(/[.?!:;…]$/.test(text) ? text : `${text}.`);
    }
  }
  return parts.join(" ");
}

const primaryLanguage = (tag) => String(tag ?? "").toLowerCase().split(/[-_]/)[0];

/** "Read aloud": shown only while the browser has a voice for the form's language
 * (voices arrive asynchronously, with `voiceschanged`). */
function setUpReadAloud(form) {
  const synth = window.speechSynthesis;
  const lang = primaryLanguage(form.dataset.lang);
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button read-aloud";
  button.setAttribute("data-testid", "read-aloud");
  button.textContent = ui.read_aloud ?? "Read aloud";
  button.hidden = true;
  document.getElementById("step-progress").after(button);
  let spoken = false;
  const stop = () => {
    if (spoken) synth.cancel();
    spoken = false;
  };
  if (!synth || typeof synth.getVoices !== "function" || !window.SpeechSynthesisUtterance) {
    return { stop };
  }
  let voice = null;
  function pickVoice() {
    const matching = synth.getVoices().filter((each) => primaryLanguage(each.lang) === lang);
    voice = matching.find((each) => each.default) ?? matching[0] ?? null;
    button.hidden = voice === null;
  }
  pickVoice();
  synth.addEventListener?.("voiceschanged", pickVoice);
  button.addEventListener("click", () => {
    if (!voice) return;
    const utterance = new window.SpeechSynthesisUtterance(screenText(form));
    utterance.voice = voice;
    utterance.lang = voice.lang;
    stop();
    synth.cancel(); // nothing queued from before
    synth.speak(utterance);
    spoken = true;
  });
  return { stop };
}
