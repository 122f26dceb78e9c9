/** The progress engine: pure indicator maths of the indicator spec (indicators.md, version 2). */
export { computeReport } from './report';
export { reportCsv } from './report-csv';
export { monthlySeries, type MonthPoint } from './monthly-series';
export { COMMUNE } from './types';
export type { ProgressInput, ReportResult, UnitProgress, IndicatorResult } from './types';
export { baselineNotes, baselineNoteText } from './baseline';
export {
	scorecard,
	scorecardEntry,
	type Scorecard,
	type ScorecardEntry,
	type ScorecardMiss
} from './scorecard';
