// One section of the form at a time, with Back/Next and "Step n of total". A section whose
// questions are all hidden by their conditions is skipped and not counted.

import { fill, ui } from "./ui-strings.js";

let swap = null; // set by setUpSteps: puts another way of stepping in place

/** Step through the form another way: `make(form)` returns an object like the one below
 * (plain.js: one question per screen). Back/Next and form.js then use it. */
/** "3 of 9" and the bar, counting only the steps in use (shown by their conditions). */
export function showProgress(steps, current, inUse, template) {
  const used = steps.filter(inUse);
  const position = steps.slice(0, current + 1).filter(inUse).length || 1;
  document.getElementById("step-label").textContent = fill(template, {
    n: position,
    total: used.length,
  });
  const bar = document.getElementById("step-bar");
  bar.max = Math.max(used.length, 1);
  bar.value = position;
}

export function replaceSteps(make) {
  if (!swap) throw new Error("this page has no steps");
  swap(make);
}

export function setUpSteps(form) {
  const sections = [...form.querySelectorAll(".step")];
  const button = (selector) => form.querySelector(selector);
  const back = button('[data-action="back"]');
  const next = button('[data-action="next"]');
  const progress = document.getElementById("step-progress");
  let current = 0;

  const inUse = (section) =>
    section.querySelector(".question:not(.hidden-by-condition)") !== null;
  const neighbour = (direction) => {
    for (let i = current + direction; i >= 0 && i < sections.length; i += direction) {
      if (inUse(sections[i])) return i;
    }
    return -1;
  };

  /** Buttons and progress for the current section (conditions may have changed). */
  function refresh() {
    sections.forEach((section, i) => section.classList.toggle("current", i === current));
    showProgress(sections, current, inUse, ui.step_of);
    back.hidden = neighbour(-1) === -1;
    next.hidden = neighbour(1) === -1;
  }

  function show(index, { focus = true } = {}) {
    current = index;
    refresh();
    if (focus) {
      // Move the reader to the top of the new section (and screen readers with it).
      const heading = sections[index].querySelector("h2");
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      progress.scrollIntoView({ block: "start" });
    }
  }

  let stepper = {
    refresh,
    show,
    isLast: () => neighbour(1) === -1,
    goBack: () => show(neighbour(-1)),
    goNext: () => show(neighbour(1)),
    /** Show the section holding `element`. */
    reveal: (element) => show(sections.indexOf(element.closest(".step")), { focus: false }),
  };
  back.addEventListener("click", () => stepper.goBack());
  next.addEventListener("click", () => stepper.goNext());
  progress.hidden = false;
  show(0, { focus: false });
  swap = (make) => {
    stepper = make(form);
    stepper.show(0, { focus: false });
  };

  return {
    refresh: () => stepper.refresh(),
    show: (index, options) => stepper.show(index, options),
    isLast: () => stepper.isLast(),
    goNext: () => stepper.goNext(),
    reveal: (element) => stepper.reveal(element),
  };
}
