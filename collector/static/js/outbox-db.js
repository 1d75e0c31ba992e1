// The IndexedDB layer and nothing else: one database, its stores, promise wrappers.
// drafts: forms being filled; outbox: finished interviews not yet accepted by the server;
// finished: every uuid ever finished here, so no tab can bring a finished draft back;
// meta: small facts such as lastSyncAt.

// One database per person: on a shared phone, one interviewer's outbox is never sent
// under another's login, and logging in as someone else shows only their own work.
export const DB_NAME = `collector-user-${document.body.dataset.user ?? "unknown"}`;
export const DB_VERSION = 1;

export class StorageUnavailable extends Error {
  constructor(reason) {
    super(`IndexedDB cannot be used here: ${reason}`);
    this.name = "StorageUnavailable";
  }
}

function upgrade(db, oldVersion) {
  if (oldVersion < 1) {
    db.createObjectStore("drafts", { keyPath: "uuid" });
    db.createObjectStore("outbox", { keyPath: "uuid" });
    db.createObjectStore("finished", { keyPath: "uuid" });
    db.createObjectStore("meta"); // out-of-line keys: meta.put(value, "lastSyncAt")
  }
}

let opening = null;

/** The open database; rejects with StorageUnavailable (private window, blocked, missing). */
export function openDb() {
  opening ??= new Promise((resolve, reject) => {
    if (!globalThis.indexedDB) throw new StorageUnavailable("no indexedDB");
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion);
    request.onsuccess = () => {
      const db = request.result;
      // A newer page wants to upgrade: step aside, the next call opens again.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => reject(new StorageUnavailable(request.error?.message ?? "error"));
    request.onblocked = () => reject(new StorageUnavailable("blocked by another tab"));
  });
  opening.catch(() => (opening = null)); // try again next time
  return opening;
}

/** A request's result as a promise (usable inside `transact` without ending the transaction). */
export function result(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * Run `work({store: IDBObjectStore, ...})` in one transaction; resolves with its value once
 * the transaction has committed. If `work` throws, nothing of it is written. Inside `work`,
 * await only `result(...)` of this transaction's requests, or it commits early.
 */
export async function transact(storeNames, mode, work) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(storeNames, mode);
    const stores = Object.fromEntries(storeNames.map((name) => [name, tx.objectStore(name)]));
    let value;
    tx.oncomplete = () => resolve(value);
    tx.onabort = () => reject(tx.error ?? new DOMException("transaction aborted", "AbortError"));
    work(stores).then(
      (returned) => (value = returned),
      (error) => {
        reject(error);
        try {
          tx.abort();
        } catch {
          // already finished: work awaited something else, which it must not
        }
      },
    );
  });
}
