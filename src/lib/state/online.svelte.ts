let online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);

if (typeof window !== 'undefined') {
	window.addEventListener('online', () => (online = true));
	window.addEventListener('offline', () => (online = false));
}

export const connectivity = {
	get online(): boolean {
		return online;
	}
};
