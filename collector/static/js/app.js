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

async function start() {
  const page = document.body.dataset.page;
  const form = page === "form" ? setUpForm() : null; // steps at once, storage a moment later
  const storage = await openDb().then(
    () => true,
    (error) => {
      console.warn(error);
      document.getElementById("storage-warning").hidden = false;
      return false;
    },
  );
  if (form) await form.useStorage(storage);
  if (page === "home" && storage) setUpHome();
  if (storage) startSync();
}

start().catch((error) => {
  console.error(error);
  html.classList.replace("js", "no-js"); // every section shown again; the plain POST works
});
setUpOffline().catch((error) => console.warn("offline use is not available", error));
