/** Reading request bodies: size limit on the header and on the bytes actually received, then JSON and zod. */
import type { z } from 'zod';
import { MAX_BODY_BYTES, PROTOCOL_VERSION } from '$lib/domain/sync/protocol';
import { ApiError } from './errors';

/**
 * The body limit of every route but the sync push (sign-in, accounts, the province's routes, Web
 * Push subscriptions, a pull's request): their bodies are a few hundred bytes, and junk sent to
 * them, which the sign-in takes before any session or limit, is refused before it is parsed.
 */
export const SMALL_BODY_BYTES = 16 * 1024;

/**
 * How deep JSON may nest (objects and arrays). The deepest real body, a push of a report draft
 * with its issued figures, nests about a dozen levels; a body of 200,000 nested brackets, refused
 * at the first field anyway, took the one thread over a second to parse (attacker review r20, 1).
 */
export const MAX_JSON_DEPTH = 64;

export async function readJson(request: Request, limit = SMALL_BODY_BYTES): Promise<unknown> {
	return (await readSizedJson(request, limit)).body;
}

/**
 * Whether `text` nests no deeper than `max` brackets outside strings: one pass over the characters,
 * about a millisecond for a full-size push, before JSON.parse is given it.
 */
export function nestsWithin(text: string, max: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c) i++;
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x5b || c === 0x7b) {
			if (++depth > max) return false;
		} else if (c === 0x5d || c === 0x7d) depth--;
	}
	return true;
}

/**
 * The body as JSON, and its size in bytes as received (what the byte budget charges); at most
 * `limit` bytes (the sync push's MAX_BODY_BYTES unless told) and MAX_JSON_DEPTH levels.
 */
export async function readSizedJson(
	request: Request,
	limit = MAX_BODY_BYTES
): Promise<{ body: unknown; bytes: number }> {
	const declared = request.headers.get('content-length');
	if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
	const { text, bytes } = await readText(request, limit);
	if (text.trim() === '') throw new ApiError('bad_json', 'Empty body');
	if (!nestsWithin(text, MAX_JSON_DEPTH))
		throw new ApiError('bad_json', `Body nests deeper than ${MAX_JSON_DEPTH} levels`);
	try {
		return { body: JSON.parse(text) as unknown, bytes };
	} catch {
		throw new ApiError('bad_json', 'Body is not valid JSON');
	}
}

/**
 * `413 payload_too_large`, closing the connection: the rest of an oversized body is never read
 * (the framework leaves it paused), so the socket cannot carry another request.
 */
const tooLarge = (limit: number) =>
	new ApiError('payload_too_large', `Body over ${limit} bytes`, { connection: 'close' });

/** The framework's own body limit (adapter-node BODY_SIZE_LIMIT) errors the stream with status 413. */
const isFrameworkTooLarge = (e: unknown): boolean =>
	typeof e === 'object' && e !== null && (e as { status?: unknown }).status === 413;

async function readText(request: Request, limit: number): Promise<{ text: string; bytes: number }> {
	if (!request.body) return { text: '', bytes: 0 };
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		let next: ReadableStreamReadResult<Uint8Array>;
		try {
			next = await reader.read();
		} catch (e) {
			if (isFrameworkTooLarge(e)) throw tooLarge(limit);
			throw e;
		}
		if (next.done) break;
		size += next.value.byteLength;
		if (size > limit) {
			// Stop reading without cancelling: adapter-node destroys the socket on cancel, and the
			// client would see a dropped connection instead of the 413.
			reader.releaseLock();
			throw tooLarge(limit);
		}
		chunks.push(next.value);
	}
	try {
		// A body of one chunk (most pushes) is decoded where it lies.
		const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), bytes: size };
	} catch {
		throw new ApiError('bad_json', 'Body is not valid UTF-8');
	}
}

/** Parse with zod; a wrong protocol version gets its own code so old clients can say "update". */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
	const parsed = schema.safeParse(body);
	if (parsed.success) return parsed.data;
	if (
		body !== null &&
		typeof body === 'object' &&
		'version' in body &&
		(body as { version: unknown }).version !== PROTOCOL_VERSION
	) {
		throw new ApiError('unsupported_version', `Protocol version ${PROTOCOL_VERSION} required`);
	}
	const issues = parsed.error.issues
		.slice(0, 5)
		.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
		.join('; ');
	throw new ApiError('invalid_request', issues);
}
