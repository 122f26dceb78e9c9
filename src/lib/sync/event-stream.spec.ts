import { describe, expect, it } from 'vitest';
import { readEventStream, type StreamEvent } from './client';

/** A body that delivers `chunks` one by one, as a slow network would. */
const body = (chunks: string[]) => {
	const encoder = new TextEncoder();
	return new ReadableStream<Uint8Array>({
		start(c) {
			for (const chunk of chunks) c.enqueue(encoder.encode(chunk));
			c.close();
		}
	});
};

describe('readEventStream', () => {
	it('reads named events split across chunks, skips retry and heartbeat comments', async () => {
		const events: StreamEvent[] = [];
		let bytes = 0;
		await readEventStream(
			body([
				'retry: 5000\n\nevent: ready\ndata: {}\n\n: ping\n',
				'\nevent: chan',
				'ged\ndata: {"seq":4',
				'2}\r\n\r\n'
			]),
			(e) => events.push(e),
			() => bytes++
		);
		expect(events).toEqual([
			{ event: 'ready', data: {} },
			{ event: 'changed', data: { seq: 42 } }
		]);
		expect(bytes).toBe(4);
	});
});
