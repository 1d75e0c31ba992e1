// Drafts: answers kept on the phone while a form is filled, and the one step that turns a
// draft into an outbox entry. A uuid in `finished` is final: no tab may save it as a
// draft again, so the same draft open in two tabs ends as one interview.

import { result, transact } from "./outbox-db.js";
import { notify, outboxItem } from "./outbox.js";

const AUTOSAVE_DELAY_MS = 300;

export class FinishedElsewhere extends Error {
  constructor(uuid) {
    super(`interview ${uuid} is already finished`);
    this.name = "FinishedElsewhere";
  }
}

/** Newest first. */
export async function listDrafts() {
  const drafts = await transact(["drafts"], "readonly", ({ drafts }) => result(drafts.getAll()));
  return drafts.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** The draft with `uuid` if given and still there, else the newest of this form and campaign. */
export async function findDraft(form, campaign, uuid) {
  const mine = (await listDrafts()).filter((d) => d.form === form && d.campaign === campaign);
  return mine.find((d) => d.uuid === uuid) ?? mine[0] ?? null;
}

export async function saveDraft(draft) {
  await transact(["drafts", "finished"], "readwrite", async ({ drafts, finished }) => {
    if (await result(finished.get(draft.uuid))) throw new FinishedElsewhere(draft.uuid);
    drafts.put(draft);
  });
  notify({ draft: draft.uuid });
}

export async function deleteDraft(uuid) {
  await transact(["drafts"], "readwrite", async ({ drafts }) => drafts.delete(uuid));
  notify({ draft: uuid });
}

/** Draft → outbox, all or nothing; refused when another tab finished this uuid first. */
export async function finishDraft(uuid, payload) {
  await transact(["drafts", "outbox", "finished"], "readwrite", async (stores) => {
    if (await result(stores.finished.get(uuid))) throw new FinishedElsewhere(uuid);
    stores.outbox.put(outboxItem(payload));
    stores.finished.put({ uuid, finishedAt: new Date().toISOString() });
    stores.drafts.delete(uuid);
  });
  notify({ finished: uuid });
}

/**
 * Save `buildDraft()` (null: nothing to keep yet) shortly after each edit, and at once when
 * the page is hidden or left, since a phone may kill a background tab without warning.
 */
export function autosave(form, buildDraft, { onFinishedElsewhere, onError }) {
  let timer = null;
  const save = () => {
    clearTimeout(timer);
    const draft = buildDraft();
    if (!draft) return;
    saveDraft(draft).catch((error) =>
      error instanceof FinishedElsewhere ? onFinishedElsewhere() : onError(error),
    );
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, AUTOSAVE_DELAY_MS);
  };
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  addEventListener("pagehide", save);
  document.addEventListener("visibilitychange", () => document.hidden && save());
}
