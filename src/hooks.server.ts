/**
 * Server start-up and per-request authentication. Storage opens once, in `init` (PostgreSQL when
 * DATABASE_URL is set, else SQLite under DATA_DIR); each request's
 * session (Bearer token or the session cookie, `__Host-session` over https) resolves to
 * event.locals.user.
 */
import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import { bootstrap } from '$lib/server/auth/bootstrap';
import { publicUser } from '$lib/server/auth/users';
import { makeContext, serverContext, setServerContext } from '$lib/server/context';
import { startCleanup } from '$lib/server/auth/cleanup';
import {
	authenticate,
	isApiRoute,
	isMalformedApiPath,
	passwordGate
} from '$lib/server/http/request-auth';
import { crossSiteRefusal } from '$lib/server/http/csrf';
import { errorResponse, jsonMethodNotAllowed } from '$lib/server/http/errors';
import { openSqliteStorage } from '$lib/server/storage/sqlite';
import { openPostgresStorage } from '$lib/server/storage/postgres';
import { startPush, stopPush } from '$lib/server/push/service';
import { closeEventStreams, LocalChangeFeed } from '$lib/server/sync/events';
import { PgChangeFeed, startPgChangeFeed } from '$lib/server/sync/pg-feed';
import { securityHeaders as headersFor } from '$lib/server/http/security-headers';
import {
	dueDatesOf,
	serverSettings,
	streamLimitsOf,
	writeBytesLimitOf,
	writeLimitOf
} from '$lib/server/settings';

let ready = false;

export const init: ServerInit = async () => {
	if (building || ready) return;
	const dataDir = process.env.DATA_DIR ?? './data';
	const settings = serverSettings(process.env);
	const history = { versionsPerRecord: settings.HISTORY_VERSIONS, days: settings.HISTORY_DAYS };
	// DATABASE_URL: PostgreSQL (several app processes may share it); else SQLite under DATA_DIR.
	const databaseUrl = process.env.DATABASE_URL;
	const storage = databaseUrl
		? await openPostgresStorage(databaseUrl, { history })
		: openSqliteStorage(dataDir, {
				history,
				checkpoint: settings.SQLITE_CHECKPOINT
			});
	// Live pokes: through NOTIFY/LISTEN on PostgreSQL (a device connected to another process hears
	// a write made here), in process memory on SQLite.
	const feed = databaseUrl ? await startPgChangeFeed(databaseUrl) : new LocalChangeFeed();
	const ctx = makeContext(storage, {
		feed,
		writeLimit: writeLimitOf(settings),
		writeBytesLimit: writeBytesLimitOf(settings),
		dueDates: dueDatesOf(settings),
		streamLimits: streamLimitsOf(settings)
	});
	setServerContext(ctx);
	const { generatedPassword } = await bootstrap(
		ctx,
		process.env.ADMIN_PASSWORD || undefined,
		process.env.PROVINCE_ADMIN_PASSWORD || undefined
	);
	if (generatedPassword) {
		// Printed exactly once, on the start that created the account.
		console.log(`[so-hop-534] created account "admin" with password: ${generatedPassword}`);
	}
	// Expired sessions, old login attempts and login-device cookies: now and every 10 minutes.
	const cleanup = startCleanup(ctx);
	// Web Push for the meeting timer: VAPID keys under DATA_DIR; the stored schedule re-arms.
	await startPush(storage, dataDir, ctx.now);
	// History of records no longer written is trimmed too: on start and every six hours.
	await storage.pruneHistory(ctx.now());
	const prune = setInterval(() => void storage.pruneHistory(ctx.now()), 6 * 3_600_000).unref();
	// Open event streams would hold a graceful shutdown for its whole timeout: end them (the
	// devices reconnect to the next server and pull).
	for (const signal of ['SIGTERM', 'SIGINT'] as const)
		process.on(signal, () => closeEventStreams(ctx));
	// Once the HTTP server has closed (adapter-node's graceful shutdown), let go of what keeps the
	// process alive: timers, the LISTEN connection and the database pool (PostgreSQL); SQLite
	// closes its file cleanly (the log is checkpointed). Without it a PostgreSQL process never
	// exits on SIGTERM and waits for its process manager's SIGKILL.
	process.once('sveltekit:shutdown', () => {
		cleanup.stop();
		clearInterval(prune);
		void (async () => {
			try {
				// Deliveries already claimed finish (bounded) before the store they write to closes.
				await stopPush();
				if (feed instanceof PgChangeFeed) await feed.close();
			} finally {
				storage.close();
			}
		})().catch((e: unknown) => console.error('[shutdown]', e));
	});
	ready = true;
};

const authenticateRequest: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	// API or not by the route SvelteKit matched (it matches the decoded path), never the raw
	// pathname: `/%61pi/auth/me` is the route /api/auth/me and gets this branch like `/api/auth/me`.
	if (event.route.id === null && isMalformedApiPath(event.url.pathname))
		return errorResponse('invalid_request', 'The request path cannot be decoded');
	const api = isApiRoute(event.route.id);
	const crossSite = crossSiteRefusal(event.request, event.url, api);
	if (crossSite) return crossSite;
	if (ready && api) {
		const user = await authenticate(serverContext(), event.request);
		event.locals.user = user ? publicUser(user) : null;
		const refused = passwordGate(event.locals.user, event.route.id);
		if (refused) return refused;
		// A wrong method: SvelteKit's plain-text 405 in the API's JSON error shape.
		return jsonMethodNotAllowed(await resolve(event), event.request.method);
	}
	return resolve(event);
};

/**
 * Security headers on what SvelteKit answers (pages, /api); the prerendered shell and static files
 * get the same ones from the adapter wrapper (scripts/adapter-security-headers.js). A header the
 * response already has (a page's full CSP from kit.csp) is kept.
 */
const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(headersFor(process.env.ORIGIN))) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	return response;
};

export const handle: Handle = sequence(securityHeaders, authenticateRequest);
