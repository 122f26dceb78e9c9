/**
 * Reads a server-sent event stream (`/api/sync/events`) off a handler's Response, one event at a
 * time: the one helper the server specs share.
 */
export interface SseEvent {
	event: string;
	data: unknown;
}

export interface SseReader {
	/** The next named event (its data parsed as JSON); null once the stream has closed. */
	next(): Promise<SseEvent | null>;
	/** Reads up to the event of this name (null if the stream closed first). */
	until(event: string): Promise<SseEvent | null>;
	/** Every character read off the body so far (comments and `retry:` lines included). */
	readonly received: string;
	cancel(): Promise<void>;
}

export function sseReader(res: Response): SseReader {
	const r = res.body!.getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	let received = '';
	const next = async (): Promise<SseEvent | null> => {
		for (;;) {
			const end = buffer.indexOf('\n\n');
			if (end >= 0) {
				const block = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				const lines = block.split('\n');
				const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
				const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
				if (event) return { event, data: data ? JSON.parse(data) : null };
				continue; // `retry:` or a comment
			}
			const { done, value } = await r.read();
			if (done) return null;
			const text = decoder.decode(value, { stream: true });
			buffer += text;
			received += text;
		}
	};
	return {
		next,
		async until(event) {
			for (;;) {
				const e = await next();
				if (e === null || e.event === event) return e;
			}
		},
		get received() {
			return received;
		},
		cancel: () => r.cancel()
	};
}
