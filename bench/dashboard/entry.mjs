/**
 * The dashboard's data path, bundled alone for the browser bench (bench/dashboard.mjs): the app's
 * own database class, loader and engine, nothing else. Exposed on `window.bench`.
 */
import { AppDatabase } from '$lib/db/database';
import { rebuildAggregates } from '$lib/db/aggregates';
import { loadYearFigures } from '$lib/db/progress-year';
import { loadYearInput } from '$lib/db/progress-input';
import { COMMUNE, computeReport, monthlySeries, reportCsv, scorecard } from '$lib/domain/progress';

const NOW = Date.UTC(2026, 11, 20);

/** Creates the database with the app's schema (its tables and indexes), empty. */
async function create(name) {
	const db = new AppDatabase(name);
	await db.open();
	db.close();
}

/** The rebuild-from-records command over whatever was seeded (ms). */
async function rebuild(name) {
	const db = new AppDatabase(name);
	const t0 = performance.now();
	await rebuildAggregates(db, true);
	const ms = performance.now() - t0;
	db.close();
	return ms;
}

/**
 * What /dashboard computes for a year as of a date, from opening the database: the load, the
 * selected period's report (annual), the commune's and one unit's monthly series, the yearly
 * scorecard and the over-limit list. Returns the time and report.csv (to check it).
 */
async function dashboard(name, year, asOf) {
	const t0 = performance.now();
	const db = new AppDatabase(name);
	const f = await loadYearFigures(db, year, asOf, NOW, [asOf]);
	const report = computeReport(f.input, f.year, asOf);
	const mode = f.settings.periodMode;
	monthlySeries(f.input, year, mode, COMMUNE, asOf);
	monthlySeries(f.input, year, mode, 'VP', asOf);
	scorecard(computeReport(f.input, f.year, asOf));
	const ids = new Set(report.commune.overLimitMeetingIds);
	const overLimit = f.overLimit.filter((m) => ids.has(m.id)).length;
	const ms = performance.now() - t0;
	db.close();
	return { ms, source: f.source, overLimit, csv: reportCsv(report) };
}

/** The same figures over every raw record of the year (the previous path; for checking only). */
async function fromRecords(name, year, asOf) {
	const db = new AppDatabase(name);
	const y = await loadYearInput(db, year, asOf, NOW);
	db.close();
	return reportCsv(computeReport(y.input, y.year, asOf));
}

window.bench = { create, rebuild, dashboard, fromRecords };
