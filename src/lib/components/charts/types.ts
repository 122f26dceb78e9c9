/** What a chart shows: the same figures drive the canvas and its text alternative. */
export interface ChartSeries {
	label: string;
	kind: 'bar' | 'line';
	/** null: no figure (e.g. a month that has not started). */
	data: (number | null)[];
	color: string;
	/** Dashed line (e.g. the pace a cap allows). */
	dashed?: boolean;
}

export interface ChartSpec {
	labels: string[];
	/** Shorter labels for the chart's axis, or a label in lines (the table keeps `labels`). */
	axisLabels?: (string | string[])[];
	series: ChartSeries[];
	/** Label of the category column in the table alternative. */
	categoryLabel: string;
	/** Fixed maximum of the value axis (100 for percentages). */
	max?: number;
	/** Bars across (categories down the side): long unit names read on a narrow screen. */
	horizontal?: boolean;
	/** Counts: the value axis steps by whole numbers (no "0,4 hội nghị"; clerk review r19). */
	wholeAxis?: boolean;
	/** How a figure reads in the table alternative (and on the axis, unless `axisFormat`). */
	format?: (n: number) => string;
	/** How a tick of the value axis reads ("50%", not "50,0%": clerk review r20, 7). */
	axisFormat?: (n: number) => string;
}
