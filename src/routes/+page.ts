// The app shell: prerendered so the service worker precaches it and serves it for every route offline.
export const prerender = true;
