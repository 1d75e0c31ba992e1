// The entry point on every logged-in page: turn on the enhanced page, then wire the parts
// this page needs. If anything here fails, the page still works as plain HTML.
// Static imports: the browser fetches the whole module graph at once, and the first
// section of a form is shown in the same moment the `js` class hides the others.

import { setUpForm } from "./form.js";
import { setUpHome } from "./home.js";
import { setUpOffline } from "./offline.js";
import { openDb } from "./outbox-db.js";
import { startSync } from "./sync.js";

const html = document.documentElement;
html.classList.replace("no-js", "js");

// Kiosk mode, the phone handed to a respondent (kiosk.js, loaded only then): `#kiosk` on a
// form's own address, or ?kiosk=1. Until the interviewer ends it, this tab keeps to it.
const KIOSK = "collector-kiosk";
const kiosk = /(^#|&)kiosk(&|$)/.test(location.hash) || /[?&]kiosk=1/.test(location.search);
html.classList.toggle("kiosk", kiosk);
function kioskPage() {
  try {
    return kiosk ? null : sessionStorage.getItem(KIOSK);
  } catch {
    return null;
  }
}
addEventListener("pageshow", (event) => {
  if (event.persisted && kioskPage()) location.replace(kioskPage()); // from the back cache
});
document.addEventListener("click", (event) => {
  const link = event.target.closest?.("a[data-kiosk-start]");
  if (!link) return;
  event.preventDefault();
  import("./kiosk.js")
    .then((module) => module.enterKiosk(link.href))
    .catch(() => location.assign(link.href)); // ?kiosk=1, made by the server
});

async function start() {
  if (kioskPage()) return location.replace(kioskPage()); // Back, or a page reached by chance
  const page = document.body.dataset.page;
  const form = page === "form" ? setUpForm() : null; // steps at once, storage a moment later
  if (kiosk) import("./kiosk.js").then((module) => module.setUpKiosk(form)).catch(console.error);
  // Plain-language mode (plain.js, loaded only then): one question per screen, read aloud.
  const plainForm = form && document.querySelector("#answer-form.plain");
  if (plainForm) {
    import("./plain.js")
      .then((module) => module.setUpPlain(plainForm))
      .catch((error) => {
        console.error(error);
        plainForm.classList.add("plain-ready"); // the steps by section, larger
      });
  }
  const storage = await openDb().then(
    () => true,
    (error) => {
      console.warn(error);
      document.getElementById("storage-warning").hidden = false;
      return false;
    },
  );
  if (form) await form.useStorage(storage, kiosk);
  if (page === "home" && storage) setUpHome();
  if (storage) startSync();
}

start().catch((error) => {
  console.error(error);
  html.classList.replace("js", "no-js"); // every section shown again; the plain POST works
});
// A respondent has no login, so the offline cache (this person's forms) is not theirs;
// their drafts and outbox still keep every answer.
if (!("respondent" in document.body.dataset)) {
  setUpOffline().catch((error) => console.warn("offline use is not available", error));
}
