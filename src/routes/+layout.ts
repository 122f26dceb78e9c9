// The app runs on the device: pages render in the browser from IndexedDB (no server rendering),
// so the prerendered shell at / can serve every route offline through the service worker.
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';
