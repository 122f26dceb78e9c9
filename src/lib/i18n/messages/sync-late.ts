/**
 * Sync and sign-in texts no first screen shows (the sync panel, opened on a tap, waits for every
 * text: SyncStatus.svelte; /login waits for them too): kept out of sync.ts, which the first
 * screen loads.
 */
const vi = {
	'sync.err.timeout':
		'Máy chủ không trả lời kịp (mạng yếu hoặc bị treo). Dữ liệu vẫn trên máy; sẽ tự thử lại.',
	'sync.receiving': 'Đang tải dữ liệu về máy: đã nhận {n} thay đổi…',
	'sync.notSinceSignIn': 'chưa lần nào từ khi đăng nhập',
	'login.err.timeout':
		'Máy chủ không trả lời kịp (mạng yếu hoặc bị treo). Chưa đăng nhập được; hãy thử lại khi mạng ổn định hơn.'
} as const;

const en: Record<keyof typeof vi, string> = {
	'sync.err.timeout':
		'The server did not answer in time (weak or stalled network). Data stays on this device; will retry.',
	'sync.receiving': 'Downloading to this device: {n} changes received…',
	'sync.notSinceSignIn': 'not yet since signing in',
	'login.err.timeout':
		'The server did not answer in time (weak or stalled network). Not signed in; try again when the network is steadier.'
};

export default { vi, en };
