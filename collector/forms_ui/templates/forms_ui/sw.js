// The service worker: keeps the app and this person's forms usable with no network.
// Two caches. The shell (static files of one release) is replaced as a whole by the next
// release. The pages (forms and /app) outlive releases: an update must never leave an
// interviewer in a village without the forms they opened yesterday.

const RELEASE = "{{ release }}";
const SHELL = `collector-shell-${RELEASE}`;
const PAGES = "collector-pages";
const HOME = "/app";
const NETWORK_TIMEOUT_MS = 3000; // a 2G connection that takes longer loses to the cache
const PAGE_REFRESH_MS = 60 * 60 * 1000; // "cache-pages" leaves newer copies alone
const NEVER_HANDLED = /^\/(api|login|logout)(\/|$)/; // always the network, never cached

const isPage = (url) => url.pathname === HOME || /^\/f\/[^/]+$/.test(url.pathname);

// Only a real page may be kept: a redirect (an expired login sends to /login) or an error
// must never take the place of a cached form.
const keepable = (response) =>
  response.status === 200 && !response.redirected && response.type === "basic";

/** A response worth keeping, or an error. `reuse`: a copy in the HTTP cache will do. */
async function fetchKeepable(url, reuse = false) {
  const response = await fetch(url, {
    credentials: "same-origin",
    cache: reuse ? "force-cache" : "default",
  });
  if (!keepable(response)) throw new Error(`${url} answered ${response.status}`);
  return response;
}

self.addEventListener("install", (event) => {
  // All or nothing: offline, or logged out, the install fails and the old worker stays.
  event.waitUntil(
    (async () => {
      const list = await fetchKeepable("/offline/urls.json");
      const { shell, pages } = await list.json();
      const urls = [...shell, ...pages, "/manifest.webmanifest"];
      // A versioned file (?v=hash) never changes: the copy the page just loaded will do.
      const versioned = (url) => new URL(url, location.href).searchParams.has("v");
      const responses = await Promise.all(urls.map((url) => fetchKeepable(url, versioned(url))));
      const shellCache = await caches.open(SHELL);
      const pagesCache = await caches.open(PAGES);
      await Promise.all(
        urls.map((url, i) =>
          (isPage(new URL(url, location.href)) ? pagesCache : shellCache).put(url, responses[i]),
        ),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("collector-shell-") && name !== SHELL) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin) return;
  if (NEVER_HANDLED.test(url.pathname)) return;
  if (request.mode === "navigate") event.respondWith(navigate(event, url));
  else if (url.pathname.startsWith("/static/") || url.pathname === "/manifest.webmanifest") {
    event.respondWith(shellFile(request, url));
  }
});

/** Network first (kept when it is a page); the cached page when the network fails or is slow. */
async function navigate(event, url) {
  const network = fetch(event.request).then(async (response) => {
    if (isPage(url) && keepable(response)) {
      await (await caches.open(PAGES)).put(url.href, response.clone());
    }
    return response;
  });
  event.waitUntil(network.catch(() => null)); // finish caching even if the cache answered
  const cached = isPage(url) ? await cachedPage(url) : undefined;
  try {
    if (!cached) return await network;
    const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS, cached));
    const response = await Promise.race([network, timeout]);
    return response.status >= 500 ? cached : response; // a server down is like no network
  } catch {
    return cached ?? (await caches.match(HOME, { cacheName: PAGES })) ?? Response.error();
  }
}

/** The exact URL, else the same form and campaign (the default language first). */
async function cachedPage(url) {
  const cache = await caches.open(PAGES);
  const exact = await cache.match(url.href);
  if (exact) return exact;
  const campaign = url.searchParams.get("campaign");
  const similar = (await cache.keys())
    .map((request) => new URL(request.url))
    .filter((key) => key.pathname === url.pathname && key.searchParams.get("campaign") === campaign)
    .sort((a, b) => Number(a.searchParams.has("lang")) - Number(b.searchParams.has("lang")));
  return similar.length ? cache.match(similar[0].href) : undefined;
}

/** Cache first. A URL without ?v= (a module's import) gets this release's copy. */
async function shellFile(request, url) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(request, { ignoreSearch: !url.searchParams.has("v") });
  if (cached) return cached;
  try {
    return await fetch(request);
  } catch (error) {
    // Offline, with a page cached by an earlier release: this release's copy of the file.
    const sameFile = await cache.match(request, { ignoreSearch: true });
    if (sameFile) return sameFile;
    throw error;
  }
}

self.addEventListener("message", (event) => {
  if (event.data?.type === "cache-pages") event.waitUntil(refreshPages(event.data.pages));
});

/** Keep the listed pages (new campaigns, new form versions); skip copies fetched lately. */
async function refreshPages(urls) {
  const cache = await caches.open(PAGES);
  const mine = urls.filter((url) => {
    const parsed = new URL(url, location.href);
    return parsed.origin === location.origin && isPage(parsed);
  });
  await Promise.all(
    mine.map(async (url) => {
      const cached = await cache.match(url);
      const age = Date.now() - Date.parse(cached?.headers.get("Date"));
      if (age < PAGE_REFRESH_MS) return;
      const response = await fetch(url, { credentials: "same-origin" }).catch(() => null);
      if (response && keepable(response)) await cache.put(url, response);
    }),
  );
}
