// Keeping the app usable without a network: the service worker, persistent storage, and
// the list of pages (this person's forms) the worker keeps up to date.

export async function setUpOffline() {
  if (!("serviceWorker" in navigator)) return; // old browser or plain http: online only
  // Ask the browser not to evict the outbox when the phone runs low on space.
  navigator.storage?.persist?.().catch(() => {});
  const firstVisit = !navigator.serviceWorker.controller; // the install caches everything
  await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  if (firstVisit || !navigator.onLine) return;
  // New campaigns or form versions since the worker was installed: cache those pages too.
  const response = await fetch("/offline/urls.json", {
    credentials: "same-origin",
    cache: "no-store",
  });
  if (!response.ok || response.redirected) return; // logged out: keep what is cached
  const { pages } = await response.json();
  const registration = await navigator.serviceWorker.ready;
  registration.active?.postMessage({ type: "cache-pages", pages });
}
