/**
 * The first-run flow's progress, kept on the device: absent on a new device, the step to resume at
 * (after signing in on /login), or 'done' once finished or skipped. Shown once.
 */
export const STEPS = ['lang', 'account', 'unit', 'notify', 'install'] as const;
export type Step = (typeof STEPS)[number];
const KEY = 'so-hop-534.first-run';

export function firstRunStep(): Step | 'done' {
	if (typeof localStorage === 'undefined') return 'done';
	const v = localStorage.getItem(KEY);
	if (v === null) return 'lang';
	return v === 'done' || !(STEPS as readonly string[]).includes(v) ? 'done' : (v as Step);
}

export function saveFirstRunStep(step: Step | 'done'): void {
	localStorage.setItem(KEY, step);
}
