/**
 * Progress of the selected period: one indexed load of the target year's aggregates (re-run by
 * liveQuery only when the stored data changes, another year is chosen or an "as of" date given
 * in the URL cuts another half-month), then the engine's results as $derived values, so nothing
 * is recomputed on a render that changes neither data nor period.
 */
import type { AppDatabase } from '$lib/db/database';
import { loadYearFigures, type YearFigures } from '$lib/db/progress-year';
import type { Meeting } from '$lib/domain/schemas';
import type { Period } from '$lib/domain/periods';
import {
	COMMUNE,
	computeReport,
	monthlySeries,
	type MonthPoint,
	type ReportResult
} from '$lib/domain/progress';
import { resolveSelection, type Selection } from '$lib/domain/selection';
import { Live } from './live.svelte';

/**
 * The loaded year, boxed in a class instance: Live keeps its value in $state, which deeply
 * proxies plain objects and arrays; tens of thousands of proxied records made every read in the
 * engine go through a signal (10x slower). A class instance is kept as it is.
 */
class Loaded {
	constructor(readonly value: YearFigures) {}
}

interface LoadDeps {
	year: number | null;
	today: string;
	/** The "as of" date given in the URL (its half-month is read record by record). */
	asOf: string | null;
}

export interface ProgressOptions {
	/** performance.mark name set when each load starts (the dashboard's benchmark reads it). */
	loadMark?: string;
	/** Compute month-by-month series (the dashboard's charts). */
	series?: boolean;
}

export class ProgressView {
	#data: Live<Loaded, LoadDeps>;
	#selection: () => Selection;
	#today: string;
	#series: boolean;

	constructor(
		db: AppDatabase,
		selection: () => Selection,
		today: string,
		now: number,
		options: ProgressOptions = {}
	) {
		this.#selection = selection;
		this.#today = today;
		this.#series = options.series ?? false;
		const mark = options.loadMark;
		this.#data = new Live(
			(d: LoadDeps) => {
				if (mark !== undefined) performance.mark(mark);
				return loadYearFigures(db, d.year, d.today, now, [d.asOf]).then((v) => new Loaded(v));
			},
			() => ({ year: this.#year, today: this.#today, asOf: this.#asOfChoice })
		);
	}

	// Each choice as a primitive: a derived only notifies when its value changes, so picking
	// another unit never recomputes the report, and only another year reloads the data.
	#kind = $derived.by(() => this.#selection().kind);
	#year = $derived.by(() => this.#selection().year);
	#index = $derived.by(() => this.#selection().index);
	#asOfChoice = $derived.by(() => this.#selection().asOf);
	#unit = $derived.by(() => this.#selection().unit);

	#resolved = $derived.by(() => {
		const data = this.#data.current?.value;
		if (data === undefined) return null;
		const s: Selection = {
			kind: this.#kind,
			year: this.#year,
			index: this.#index,
			asOf: this.#asOfChoice,
			unit: null
		};
		return resolveSelection(s, this.#today, data.settings.periodMode);
	});

	#report = $derived.by<ReportResult | null>(() => {
		const data = this.#data.current?.value;
		const r = this.#resolved;
		return data === undefined || r === null ? null : computeReport(data.input, r.period, r.asOf);
	});

	#communeSeries = $derived.by<MonthPoint[] | null>(() => this.#seriesOf(COMMUNE));
	#unitSeries = $derived.by<MonthPoint[] | null>(() => {
		const unit = this.#unit;
		return unit === null ? null : this.#seriesOf(unit);
	});

	/** Over-limit conferences of the report, with their records (for dates, titles, links). */
	#overLimit = $derived.by<Meeting[]>(() => {
		const data = this.#data.current?.value;
		const report = this.#report;
		if (data === undefined || report === null) return [];
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local look-up built and read once inside this derived, never state
		const ids = new Set(report.commune.overLimitMeetingIds);
		if (ids.size === 0) return [];
		return data.overLimit
			.filter((m) => ids.has(m.id))
			.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
	});

	#seriesOf(unitCode: string): MonthPoint[] | null {
		const data = this.#data.current?.value;
		const r = this.#resolved;
		if (!this.#series || data === undefined || r === null) return null;
		return monthlySeries(data.input, data.year.year, data.settings.periodMode, unitCode, r.asOf);
	}

	get data(): YearFigures | undefined {
		return this.#data.current?.value;
	}
	get isLoading(): boolean {
		return this.#data.isLoading;
	}
	get error(): unknown {
		return this.#data.error;
	}
	get period(): Period | null {
		return this.#resolved?.period ?? null;
	}
	get asOf(): string | null {
		return this.#resolved?.asOf ?? null;
	}
	get report(): ReportResult | null {
		return this.#report;
	}
	get communeSeries(): MonthPoint[] | null {
		return this.#communeSeries;
	}
	get unitSeries(): MonthPoint[] | null {
		return this.#unitSeries;
	}
	get overLimitMeetings(): Meeting[] {
		return this.#overLimit;
	}
}
