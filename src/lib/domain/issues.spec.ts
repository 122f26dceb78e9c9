import { describe, expect, it } from 'vitest';
import { stillWrong } from './issues';

describe('a form clears a field error as soon as the field is valid', () => {
	it('keeps only the shown errors the current check still finds, with their current message', () => {
		const shown = {
			title: 'err.required',
			'sittings.0.end': 'err.endAfterStart',
			attendees: 'err.int'
		};
		const now = {
			'sittings.0.end': 'err.endAfterStart',
			attendees: 'err.number',
			unitCode: 'err.required'
		};
		expect(stillWrong(shown, now)).toEqual({
			'sittings.0.end': 'err.endAfterStart',
			attendees: 'err.number'
		});
	});

	it('all fixed: no errors (the summary goes); nothing shown: nothing new is flagged', () => {
		expect(stillWrong({ title: 'err.required' }, {})).toEqual({});
		expect(stillWrong({}, { title: 'err.required' })).toEqual({});
	});
});
