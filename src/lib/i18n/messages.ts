/**
 * All UI texts, one module per feature (messages/*.ts), each with `vi` and an `en` typed against it.
 * Add a feature's module to the list below; a key missing in English fails the type check.
 */
import core from './messages/core';
import progress from './messages/progress';
import registers from './messages/registers';
import sync from './messages/sync';
import importexport from './messages/importexport';
import meetingrun from './messages/meetingrun';
import users from './messages/users';
import report from './messages/report';
import scorecard from './messages/scorecard';
import csv from './messages/csv';
import province from './messages/province';
import onboarding from './messages/onboarding';
import onboardingSteps from './messages/onboarding-steps';
import more from './messages/more';
import conflicts from './messages/conflicts';
import settings from './messages/settings';
import access from './messages/access';
import syncRejected from './messages/sync-rejected';
import syncLate from './messages/sync-late';
import syncScope from './messages/sync-scope';
import storage from './messages/storage';
import login from './messages/login';
import meetingsOverdue from './messages/meetings-overdue';
import audit from './messages/audit';
import reportPlan from './messages/report-plan';

const modules = [
	core,
	progress,
	registers,
	sync,
	importexport,
	meetingrun,
	users,
	report,
	csv,
	scorecard,
	province,
	onboarding,
	onboardingSteps,
	more,
	conflicts,
	settings,
	access,
	syncRejected,
	syncLate,
	syncScope,
	storage,
	login,
	meetingsOverdue,
	audit,
	reportPlan
] as const;

type Vi = (typeof modules)[number]['vi'];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
	x: infer I
) => void
	? I
	: never;
export type MessageKey = keyof UnionToIntersection<Vi>;

export const vi = Object.assign({}, ...modules.map((m) => m.vi)) as Record<MessageKey, string>;
export const en = Object.assign({}, ...modules.map((m) => m.en)) as Record<MessageKey, string>;
