// Kiosk mode: the interviewer hands the phone to a respondent. Only the form shows (the
// `kiosk` class hides the menu, the login and the sync button); Finish shows a thank-you
// screen over a blank form with a new uuid, ready for the next person.
// The mode lives in the address, `#kiosk` on the form's own page (the one the offline
// cache keeps), and in this tab's sessionStorage: app.js sends any other page of this tab
// (Back, a stray link) straight back here, until the interviewer ends the mode.
// Drafts made here are marked (form.js): the kiosk resumes only the one its address
// names, and the interviewer's page never resumes them unasked. Loaded only when used.

import { deleteDraft } from "./drafts.js";
import { onChange } from "./outbox.js";

const KIOSK = "collector-kiosk"; // as in app.js
const GUARD = "kiosk-guard";

/** This page's address in kiosk mode, naming the draft of the person now at it. */
function kioskUrl(draft) {
  const url = new URL(location.href);
  url.searchParams.delete("kiosk"); // ?kiosk=1 (a page without JavaScript) becomes #kiosk
  url.hash = draft ? `kiosk&draft=${draft}` : "kiosk";
  return url.href;
}

/** Show the kiosk address, and keep it for app.js: another page of this tab comes back. */
function remember(draft) {
  history.replaceState(history.state, "", kioskUrl(draft));
  // As ?kiosk=1: from the plain page, a new address only in its #part would not load.
  const url = new URL(location.href);
  url.searchParams.set("kiosk", "1");
  url.hash = draft ? `draft=${draft}` : "";
  sessionStorage.setItem(KIOSK, url.href);
}

/** "Hand the phone to the respondent": that form in kiosk mode, with a new interview. */
export function enterKiosk(href) {
  sessionStorage.setItem(KIOSK, href); // the link's ?kiosk=1 address
  const url = new URL(href);
  url.searchParams.delete("kiosk");
  url.hash = "kiosk";
  // Replace, so that Back does not lead to the interviewer's page.
  if (url.pathname + url.search !== location.pathname + location.search) {
    return location.replace(url);
  }
  history.replaceState(null, "", url);
  location.reload(); // a fresh page; the interviewer's draft is saved as this one goes
}

/** `form`: what setUpForm returned; null on the thank-you page of the plain POST. */
export function setUpKiosk(form) {
  for (const link of document.querySelectorAll('[data-kiosk="end"]')) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      sessionStorage.removeItem(KIOSK); // an unfinished form stays under "Unfinished"
      location.replace(link.href);
    });
  }
  if (!form) return;
  const page = document.getElementById("answer-form");
  const uuid = page.elements.namedItem("submission_uuid");
  const started = page.elements.namedItem("started_at");
  const thanks = document.getElementById("kiosk-thanks");
  const again = document.getElementById("kiosk-again");
  let named = new URLSearchParams(location.hash.slice(1)).get("draft");

  page.autocomplete = "off"; // the browser must not offer one person's words to the next
  const plain = new URL(kioskUrl(null));
  plain.hash = "";
  const post = new URL(plain);
  post.searchParams.set("kiosk", "1");
  page.action = post.href; // should Finish fall back to the plain POST: the kiosk thank-you
  remember(named);

  /** Keep the address naming the person's draft: a reload or a language brings it back. */
  function track() {
    const now = started.value ? uuid.value : null;
    if (now !== named) remember((named = now));
  }

  /** A new form (questions with a default start with it, as for the first person), and
   * nothing of the last person left in the page. */
  function blank() {
    // The page's own values go first: after a plain POST they are that person's answers.
    for (const input of page.querySelectorAll("input, textarea")) {
      if (input.type === "checkbox" || input.type === "radio") input.defaultChecked = false;
      else if (!["hidden", "submit", "button"].includes(input.type)) input.defaultValue = "";
    }
    form.startNew(""); // then the defaults, from the form's rules
    for (const message of document.querySelectorAll("main > .form-error")) message.remove();
    track();
  }

  page.addEventListener("input", track);
  page.addEventListener("change", track);
  onChange((detail, remote) => {
    if (remote || !detail.finished) return; // only this page's Finish, once in the outbox
    blank();
    page.hidden = true;
    again.hidden = true;
    thanks.hidden = false;
    thanks.focus();
  });
  document.getElementById("kiosk-next").addEventListener("click", () => {
    thanks.hidden = true;
    page.hidden = false;
    again.hidden = false;
    scrollTo(0, 0);
  });
  // "Start again" (confirmed): the abandoned answers are deleted, not kept as a draft.
  again.querySelector('[data-kiosk="again"]').addEventListener("click", (event) => {
    event.preventDefault();
    const abandoned = started.value ? uuid.value : null;
    blank();
    again.open = false;
    if (abandoned) deleteDraft(abandoned).catch((error) => console.error(error));
  });
  for (const link of document.querySelectorAll(".lang-switch a")) {
    link.addEventListener("click", () => (link.hash = location.hash)); // stay in kiosk mode
  }
  // Back stays here: the entry before this one is a spare (the plain page, so that after
  // the end Back does not return to kiosk mode), and it is put back whenever it is used.
  addEventListener("popstate", () => {
    if (sessionStorage.getItem(KIOSK)) history.pushState(GUARD, "", kioskUrl(named));
  });
  if (history.state !== GUARD) {
    history.replaceState(null, "", plain);
    history.pushState(GUARD, "", kioskUrl(named));
  }
}
