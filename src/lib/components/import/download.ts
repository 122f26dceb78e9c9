/** Saves text as a file through the browser's download (works offline: the data is local). */
export function downloadText(filename: string, text: string, type: string): void {
	downloadBlob(new Blob([text], { type }), filename);
}

/** Saves a file made on the device through the browser's download. */
export function downloadBlob(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	a.hidden = true;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
