import { DEFAULT_LIMITS, DEFAULT_WARNING_LEAD_MINUTES } from './codes';
import type { Settings } from './schemas';

export function defaultSettings(now: number): Settings {
	const { quan_triet, chuyen_mon, thao_luan, hop } = DEFAULT_LIMITS;
	return {
		id: 'settings',
		communeName: '',
		province: '',
		periodMode: 'decree09',
		limits: {
			quan_triet: quan_triet ?? 240,
			chuyen_mon: chuyen_mon ?? 480,
			thao_luan: thao_luan ?? 720,
			hop
		},
		warningLeadMinutes: DEFAULT_WARNING_LEAD_MINUTES,
		planNumber: '',
		planDate: null,
		plans: [],
		updatedAt: now
	};
}
