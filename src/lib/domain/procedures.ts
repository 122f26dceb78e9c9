/** Procedure figures: the month's and the year's shares (pure). */
import { formatPercent } from './progress/rounding';
import type { ProcedureMonth } from './schemas';

export interface ProcedureShares {
	/** Percent with one decimal (exact rounding), or null when there are no dossiers. */
	digital: string | null;
	digitized: string | null;
}

export function procedureShares(
	p: Pick<ProcedureMonth, 'total' | 'digital' | 'digitized'>
): ProcedureShares {
	if (p.total === 0) return { digital: null, digitized: null };
	return {
		digital: formatPercent(p.digital, p.total),
		digitized: formatPercent(p.digitized, p.total)
	};
}

/** Sums over months (the year's share is the ratio of sums, never an average of ratios). */
export function sumProcedures(
	rows: readonly Pick<ProcedureMonth, 'total' | 'digital' | 'digitized'>[]
) {
	return rows.reduce(
		(acc, r) => ({
			total: acc.total + r.total,
			digital: acc.digital + r.digital,
			digitized: acc.digitized + r.digitized
		}),
		{ total: 0, digital: 0, digitized: 0 }
	);
}
