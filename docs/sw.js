// Cache-first service worker: after one visit every page, the Python runtime and calc.zip come
// from the cache, so the calculators keep working offline. The build fills in the list below.
const VERSION = "__VERSION__";
const FILES = [/* __FILES__ */];
const CACHE = `site-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== location.origin) return;
  // Shared links carry their inputs in the query string; the page itself is the same file.
  const ignoreSearch = request.mode === "navigate";
  event.respondWith((async () => {
    const cached = await caches.match(request, { ignoreSearch });
    if (cached) return cached;
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request, copy));
    }
    return response;
  })());
});
