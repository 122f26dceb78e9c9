/**
 * What moved in a section's generated text since the clerk edited it (clerk review r11, 7): the
 * stale notice names the figures, e.g. "chủ trì tổ chức 50 → 52 hội nghị", so she knows what to
 * check in her own text. Read from the two texts alone (the base she wrote over and today's): a
 * line of the same wording whose figures differ gives each figure that moved, with the few words
 * around it; a line reworded (a target newly missed, a unit added) names nothing, and the notice
 * stays the general one.
 */

/** A figure as the text writes it: 50, 1.000, 12,5%, 6/10, 15/4/2026, 45/KH-UBND. */
const FIGURE = /\d+(?:[.,/]\d+)*(?:%|\/\p{Lu}[\p{L}\d-]*)?/gu;
/** Where a figure's clause starts or ends: its words are those up to one of these. */
const BOUNDARY = /[,;:()]/;
/** Words (syllables, in Vietnamese) of context before and after a figure. */
const BEFORE = 5;
const AFTER = 7;
/**
 * Words that start a new phrase after a figure's noun ("hội nghị | tổ chức theo hình thức …",
 * "văn bản | so với mức tối đa"): the context after a figure stops before them.
 */
const PHRASE_STARTS: ReadonlySet<string> = new Set([
	'theo',
	'do',
	'so',
	'để',
	'trên',
	'của',
	'và',
	'trong',
	'tại',
	'từ'
]);

/** The words after a figure: up to a phrase's start, at most AFTER ("…" when cut there). */
function wordsAfter(text: string): string[] {
	const all = text.trim().split(/\s+/).filter(Boolean);
	const stop = all.findIndex((w, i) => i > 0 && PHRASE_STARTS.has(w.toLocaleLowerCase('vi')));
	const upTo = stop < 0 ? all : all.slice(0, stop);
	return upTo.length > AFTER ? [...upTo.slice(0, AFTER - 1), `${upTo[AFTER - 1]}…`] : upTo;
}

interface Line {
	text: string;
	/** The line with each figure as '#': two lines of one wording have the same shape. */
	shape: string;
	/**
	 * The line with each figure's characters as '#', place for place: clause marks are looked for
	 * here, so the comma of "62,5%" or "1.000,5" never ends a clause.
	 */
	words: string;
	figures: { value: string; at: number }[];
}

function lineOf(text: string): Line {
	const figures = [...text.matchAll(FIGURE)].map((m) => ({ value: m[0], at: m.index }));
	return {
		text,
		shape: text.replace(FIGURE, '#'),
		words: text.replace(FIGURE, (f) => '#'.repeat(f.length)),
		figures
	};
}

/** Which clause of its line a place is in (the BOUNDARY marks before it). */
const clauseAt = (line: Line, at: number): number =>
	[...line.words.slice(0, at)].filter((c) => BOUNDARY.test(c)).length;

/** The last clause mark of `line` before `at`, or -1. */
function markBefore(line: Line, at: number): number {
	for (let i = at - 1; i >= 0; i--) if (BOUNDARY.test(line.words[i]!)) return i;
	return -1;
}

/**
 * The words of a clause's moved figures, with at most BEFORE words before the first and AFTER after
 * the last, each moved figure written "old → new": "đã chủ trì tổ chức 48 → 50 hội nghị".
 */
function moveWords(line: Line, moved: number[], was: (i: number) => string): string {
	const first = line.figures[moved[0]!]!;
	const lastFig = line.figures[moved.at(-1)!]!;
	const mark = markBefore(line, first.at);
	let before = line.text.slice(mark + 1, first.at);
	const end = lastFig.at + lastFig.value.length;
	const next = line.words.slice(end).search(BOUNDARY);
	const stop = next < 0 ? line.text.length : end + next;
	const after = line.text.slice(end, stop).replace(/\.\s*$/, '');
	// A figure opening a bracket qualifies what stands before it: "Thôn 1 (2 → 3 chỉ tiêu)".
	const bracket = before.trim() === '' && line.text[mark] === '(';
	if (bracket) before = `${line.text.slice(markBefore(line, mark) + 1, mark)}(`;
	let middle = '';
	let at = first.at;
	for (const i of moved) {
		const f = line.figures[i]!;
		middle += `${line.text.slice(at, f.at)}${was(i)} → ${f.value}`;
		at = f.at + f.value.length;
	}
	const left = before.trim().replace(/^-\s*/, '').split(/\s+/).filter(Boolean).slice(-BEFORE);
	const right = wordsAfter(after);
	const text = [...left, middle, ...right].join(' ');
	if (!bracket) return text;
	const closed = line.text[stop] === ')';
	return `${text.replace(/\( /, '(')}${closed ? ')' : ''}`;
}

/**
 * The figures that moved from `before` to `now`, each with its words ("chủ trì tổ chức 50 → 52 hội
 * nghị"), in the order of `now`, each once; at most `max` (the notice stays short on a phone), with
 * `more` saying some were left out.
 */
export function figureMoves(
	before: string,
	now: string,
	max = 3
): { moves: string[]; more: boolean } {
	const old = before.split('\n').map(lineOf);
	const moves: string[] = [];
	let from = 0;
	for (const line of now.split('\n').map(lineOf)) {
		if (line.figures.length === 0) continue;
		const k = old.findIndex((o, j) => j >= from && o.shape === line.shape);
		if (k < 0) continue;
		// Lines are matched in order: an old line is never matched twice.
		from = k + 1;
		const match = old[k]!;
		if (match.text === line.text) continue;
		const was = (i: number): string => match.figures[i]!.value;
		// The moved figures, those of one clause together ("số 45 → 52 ngày 15/4 → 20/4").
		const groups = new Map<number, number[]>();
		line.figures.forEach((f, i) => {
			if (was(i) === f.value) return;
			const clause = clauseAt(line, f.at);
			groups.set(clause, [...(groups.get(clause) ?? []), i]);
		});
		for (const moved of groups.values()) {
			const text = moveWords(line, moved, was);
			if (!moves.includes(text)) moves.push(text);
		}
	}
	return { moves: moves.slice(0, max), more: moves.length > max };
}
