/**
 * The first-run flow's progress, kept on the device: absent on a new device, the step to resume at
 * (after signing in on /login), or 'done' once finished or skipped. Shown once.
 */
export const STEPS = ['lang', 'account', 'unit', 'notify', 'install'] as const;
export type Step = (typeof STEPS)[number];
/** Read before the app starts by app.html's start-up script too (src/app-html.spec.ts). */
export const FIRST_RUN_KEY = 'so-hop-534.first-run';

export function firstRunStep(): Step | 'done' {
	if (typeof localStorage === 'undefined') return 'done';
	const v = localStorage.getItem(FIRST_RUN_KEY);
	if (v === null) return 'lang';
	return v === 'done' || !(STEPS as readonly string[]).includes(v) ? 'done' : (v as Step);
}

export function saveFirstRunStep(step: Step | 'done'): void {
	localStorage.setItem(FIRST_RUN_KEY, step);
}
