// The outbox as a queue: what is waiting, what the server refused, when to try again.
// Every change is announced to this tab and, through a BroadcastChannel, to every other
// open tab, so all of them show the same counts.

import { result, transact } from "./outbox-db.js";

const MAX_BACKOFF_S = 300;
const channel = "BroadcastChannel" in globalThis ? new BroadcastChannel("collector") : null;
const listeners = new Set();

/** `listener(detail, remote)`: remote is true when another tab made the change. */
export function onChange(listener) {
  listeners.add(listener);
}

export function notify(detail = {}) {
  for (const listener of listeners) listener(detail, false);
  channel?.postMessage(detail);
}

if (channel) {
  channel.onmessage = (event) => {
    for (const listener of listeners) listener(event.data, true);
  };
}

// Where interviews finished on this page are sent: null for the logged-in API, or a
// respondent link's own address (set by the form page). Kept with each entry, so an entry
// goes where it was made for, whichever page sends it.
let submitUrl = null;

export function sendFinishedTo(url) {
  submitUrl = url || null;
}

/** A new outbox entry for a finished interview. */
export function outboxItem(payload) {
  return {
    uuid: payload.uuid,
    payload,
    submitUrl,
    state: "waiting",
    message: null,
    errors: null,
    attempts: 0,
    nextAttemptAt: 0,
    queuedAt: new Date().toISOString(),
  };
}

export function count() {
  return transact(["outbox"], "readonly", ({ outbox }) => result(outbox.count()));
}

/** Every entry, oldest first. */
export async function list() {
  const items = await transact(["outbox"], "readonly", ({ outbox }) => result(outbox.getAll()));
  return items.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

/** Waiting entries to send now: those whose retry time has come, or all when forced. */
export async function due(force = false) {
  const now = Date.now();
  const items = await list();
  return items.filter((item) => item.state === "waiting" && (force || item.nextAttemptAt <= now));
}

/** The server has them (200/201): only now do they leave the outbox. */
export async function markSent(uuids) {
  await transact(["outbox"], "readwrite", async ({ outbox }) => {
    for (const uuid of uuids) outbox.delete(uuid);
  });
  notify({ sent: uuids });
}

/** Refused for good (409/422): kept and shown with the server's words, not retried. */
export async function markAttention(uuid, message, errors) {
  await update([uuid], (item) => ({ ...item, state: "attention", message, errors }));
}

/** Failed for a passing reason: try again after min(2^attempts, 300) seconds. */
export async function scheduleRetry(uuids) {
  const now = Date.now();
  await update(uuids, (item) => {
    const attempts = item.attempts + 1;
    const wait = Math.min(2 ** attempts, MAX_BACKOFF_S) * 1000;
    return { ...item, attempts, nextAttemptAt: now + wait };
  });
}

async function update(uuids, change) {
  await transact(["outbox"], "readwrite", async ({ outbox }) => {
    for (const uuid of uuids) {
      const item = await result(outbox.get(uuid));
      if (item) outbox.put(change(item));
    }
  });
  notify({ changed: uuids });
}

export function lastSyncAt() {
  return transact(["meta"], "readonly", ({ meta }) => result(meta.get("lastSyncAt")));
}

export async function setLastSyncAt(moment) {
  await transact(["meta"], "readwrite", async ({ meta }) => meta.put(moment, "lastSyncAt"));
}
