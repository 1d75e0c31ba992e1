// Sending the outbox to the server, and the sync bar that tells how it went.
// An entry leaves the outbox only when the server answered 200/201 for its uuid; every
// other outcome keeps it, and every failed attempt leaves a retry scheduled, so the queue
// moves again as soon as the server is back, without a reload.

import { ui } from "./ui-strings.js";
import {
  count,
  due,
  lastSyncAt,
  list,
  markAttention,
  markSent,
  onChange,
  scheduleRetry,
  setLastSyncAt,
} from "./outbox.js";

const BATCH_URL = "/api/v1/submissions/batch"; // an entry with no submitUrl of its own
const SESSION_URL = "/api/v1/session";
const TICK_MS = 30_000;
const BUSY_RETRY_MS = 3_000;
const LOGIN = "login";
const FAILED = "failed"; // this batch and the rest wait for a retry
const GONE = 410; // a respondent link closed meanwhile: the server kept the answers
let batchSize = 20; // 1 after a 413: one interview per request is always small enough
let running = false;
let again = null;
let timer = null;

const element = (id) => document.getElementById(id);

export function startSync() {
  element("sync-now").addEventListener("click", () => syncNow({ force: true }));
  addEventListener("online", () => syncNow({ force: true })); // the network is back: go now
  document.addEventListener("visibilitychange", () => document.hidden || syncNow());
  onChange((detail, remote) => {
    showCounts();
    // Finished in another tab: if that tab closes before sending, this one sends it.
    if (remote && detail.finished && !running) scheduleNext(TICK_MS);
  });
  showCounts();
  syncNow();
}

/** One sync at a time, across tabs (Web Locks) and in this tab (the flag). */
export async function syncNow({ force = false } = {}) {
  if (running) {
    // Asked again while sending (back online, a new interview): go again right after.
    again = { force: force || again?.force };
    return;
  }
  running = true;
  element("sync-now").disabled = true;
  let busyElsewhere = false;
  try {
    if (navigator.locks) {
      await navigator.locks.request("collector-sync", { ifAvailable: true }, (lock) => {
        busyElsewhere = !lock; // another tab is sending: look again soon
        return lock && run(force);
      });
    } else {
      await run(force);
    }
  } catch (error) {
    console.error("sync failed", error);
    say(ui.server_error);
  } finally {
    running = false;
    element("sync-now").disabled = false;
    await showCounts();
    const next = again;
    again = null;
    if (next) syncNow(next);
    else await scheduleNext(busyElsewhere ? BUSY_RETRY_MS : TICK_MS);
  }
}

async function run(force) {
  const items = await due(force);
  if (!items.length) return summarise();
  if (!navigator.onLine) return say(ui.offline); // no attempt, so no backoff either
  say(ui.sending);
  const groups = [...byDestination(items)];
  let loginNeeded = false;
  for (const [index, [url, group]] of groups.entries()) {
    const outcome = await sendGroup(url, group);
    if (outcome === LOGIN) loginNeeded = true; // those stay as they are; others may go
    else if (outcome.length) {
      return failed([...outcome, ...groups.slice(index + 1).flatMap(([, rest]) => rest)]);
    }
  }
  return loginNeeded ? askToLogIn() : summarise();
}

/** Entries by where they go: the API, or a respondent link's own address. */
function byDestination(items) {
  const groups = new Map();
  for (const item of items) {
    const url = item.submitUrl ?? BATCH_URL;
    groups.set(url, [...(groups.get(url) ?? []), item]);
  }
  return groups;
}

/** One destination's entries in batches: LOGIN, or those left unsent (none: all went). */
async function sendGroup(url, items) {
  let token = null; // a respondent link's token is its permission: no login, no CSRF token
  if (url === BATCH_URL) {
    token = await csrfToken().catch(() => undefined);
    if (token === undefined) return items;
    if (token === null) return LOGIN;
  }
  for (let start = 0; start < items.length; start += batchSize) {
    const outcome = await send(url, items.slice(start, start + batchSize), token);
    if (outcome === LOGIN) return LOGIN;
    if (outcome === FAILED) return items.slice(start);
  }
  return [];
}

async function failed(items) {
  await scheduleRetry(items.map((item) => item.uuid));
  say(navigator.onLine ? ui.server_error : ui.offline);
}

/** A fresh CSRF token for the login session, or null when the login has expired. */
async function csrfToken() {
  const response = await fetch(SESSION_URL, {
    credentials: "same-origin",
    cache: "no-store",
    headers: { Accept: "application/json" },
  });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`session check answered ${response.status}`);
  return (await response.json()).csrf_token;
}

/** Send one batch and record each result; LOGIN or FAILED when the batch got no results. */
async function send(url, batch, token) {
  let response;
  const headers = { "Content-Type": "application/json" };
  if (token) {
    headers["X-CSRFToken"] = token;
    // How many wait on this phone, this batch included: the coordinator's dashboard shows it.
    headers["X-Outbox-Waiting"] = String(await count().catch(() => batch.length));
  }
  try {
    response = await fetch(url, {
      method: "POST",
      credentials: token ? "same-origin" : "omit", // a link needs no cookie
      cache: "no-store",
      headers,
      body: JSON.stringify(batch.map((item) => item.payload)),
    });
  } catch {
    return FAILED; // network error: the server may or may not have them; a retry tells
  }
  if (response.status === 401) return LOGIN;
  if (response.status === 413) {
    if (batch.length === 1) return markAttention(batch[0].uuid, ui.too_large_to_send, null);
    batchSize = 1;
    return FAILED;
  }
  const answered = response.ok || response.status === GONE;
  const results = answered && !response.redirected ? await resultsOf(response) : null;
  if (!results) return FAILED; // 5xx, 403, a captive portal's page, …
  return record(batch, results);
}

async function resultsOf(response) {
  try {
    const body = await response.json();
    return Array.isArray(body.results) ? body.results : null;
  } catch {
    return null;
  }
}

async function record(batch, results) {
  const byUuid = new Map(results.map((r) => [String(r.uuid).toLowerCase(), r]));
  const sent = [];
  const retry = [];
  for (const item of batch) {
    const answer = byUuid.get(item.uuid.toLowerCase());
    const status = answer?.http_status;
    if (status === 200 || status === 201) sent.push(item.uuid);
    else if (status === 409 || status === 422 || status === GONE) {
      await markAttention(item.uuid, answer.message ?? ui.attention, answer.errors ?? null);
    } else retry.push(item.uuid);
  }
  if (sent.length) {
    await markSent(sent);
    await setLastSyncAt(new Date().toISOString());
  }
  if (retry.length) await scheduleRetry(retry);
}

/** The state of the outbox after a sync, in the person's words. */
async function summarise() {
  const items = await list();
  const attention = items.filter((item) => item.state === "attention").length;
  const later = items.some((item) => item.state === "waiting" && item.nextAttemptAt > Date.now());
  if (attention) say(`${ui.attention}: ${attention}`);
  else if (!items.length) say(ui.sent);
  else if (later) say(ui.server_error);
}

/** Wake up when the next retry is due, and at least every `tick` ms while anything waits. */
async function scheduleNext(tick) {
  const items = await list().catch(() => null); // unreadable: keep trying all the same
  const waiting = items?.filter((item) => item.state === "waiting") ?? [{ nextAttemptAt: 0 }];
  const now = Date.now();
  const soonest = Math.min(...waiting.map((item) => item.nextAttemptAt));
  clearTimeout(timer);
  if (waiting.length) {
    timer = setTimeout(() => syncNow(), soonest > now ? Math.min(soonest - now, tick) : tick);
  }
}

async function showCounts() {
  try {
    element("outbox-count").textContent = String(await count());
    const at = await lastSyncAt();
    if (at) {
      const moment = new Date(at);
      const clock = (n) => String(n).padStart(2, "0");
      element("last-sync").dateTime = at;
      const time = `${clock(moment.getHours())}:${clock(moment.getMinutes())}`;
      element("last-sync").textContent = time;
    }
  } catch (error) {
    console.error("cannot read the outbox", error);
  }
}

function say(text) {
  element("sync-message").textContent = text;
}

function askToLogIn() {
  const link = document.createElement("a");
  link.href = `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
  link.textContent = ui.log_in;
  element("sync-message").replaceChildren(`${ui.login_needed} `, link);
}
