/** Incoming-document figures: the share handled electronically, of a month or a year (pure). */
import { formatPercent } from './progress/rounding';
import type { IncomingMonth } from './schemas';

type Counts = Pick<IncomingMonth, 'received' | 'electronic'>;

/** Percent with one decimal (exact rounding), or null when nothing was received. */
export const electronicShare = (c: Counts): string | null =>
	c.received === 0 ? null : formatPercent(c.electronic, c.received);

/** Sums over months (the year's share is the ratio of sums, never an average of ratios). */
export const sumIncoming = (rows: readonly Counts[]): Counts =>
	rows.reduce(
		(acc, r) => ({
			received: acc.received + r.received,
			electronic: acc.electronic + r.electronic
		}),
		{ received: 0, electronic: 0 }
	);
