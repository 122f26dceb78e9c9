/**
 * The report as a Word file (.docx) with the layout of the page (Decree 30/2020/NĐ-CP): A4,
 * Times New Roman, margins 20/15/20/30 mm, page numbers centred at the top from page 2. The
 * `docx` library is loaded only when a file is asked for, so it stays out of the first screen.
 */
import type { DocLine, DocTable, ReportDocument } from '$lib/domain/report-document';

type Docx = typeof import('docx');
type Para = InstanceType<Docx['Paragraph']>;
type Block = Para | InstanceType<Docx['Table']>;

const PT = 2; // docx sizes are in half-points
const BODY = 14 * PT;

/** Builds the Word document (the library is passed in, so tests and the browser share this). */
export function buildDocx(doc: ReportDocument, d: Docx): InstanceType<Docx['Document']> {
	const { AlignmentType, BorderStyle, WidthType } = d;
	const mm = d.convertMillimetersToTwip;
	const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
	const noBorders = {
		top: none,
		bottom: none,
		left: none,
		right: none,
		insideHorizontal: none,
		insideVertical: none
	};
	const line = { style: BorderStyle.SINGLE, size: 6, color: '000000' };

	const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
		new d.TextRun({ text, bold: o.bold, italics: o.italics, size: o.size });
	const centred = (
		text: string,
		o: { bold?: boolean; italics?: boolean; size?: number; keepNext?: boolean } = {}
	) =>
		new d.Paragraph({
			alignment: AlignmentType.CENTER,
			keepNext: o.keepNext || undefined,
			children: [run(text, o)]
		});
	/** An annex's heading lines: kept with what follows, never alone at a page's foot. */
	const annexHead = (heading: string, title: string, attached: string) => [
		centred(heading, { bold: true, keepNext: true }),
		centred(title, { bold: true, keepNext: true }),
		centred(attached, { italics: true, keepNext: true })
	];
	/** A solid rule under a line: an empty paragraph with a top border, narrowed by indents. */
	const rule = (indent: number) =>
		new d.Paragraph({
			border: { top: line },
			indent: { left: mm(indent), right: mm(indent) },
			spacing: { after: 60 },
			children: []
		});
	const mastLines = (lines: readonly DocLine[], ruleIndent: number) =>
		lines.flatMap((l) => {
			const p = centred(l.text, { bold: l.bold, size: 13 * PT });
			return l.rule ? [p, rule(ruleIndent)] : [p];
		});
	// A paragraph ending with ':' leads into what follows (a table, a list): kept with it.
	const para = (text: string, keepNext = false) =>
		new d.Paragraph({
			// Only where it applies (an explicit false would write <w:keepNext w:val="false"/>).
			keepNext: keepNext || text.endsWith(':') || undefined,
			alignment: AlignmentType.JUSTIFIED,
			indent: { firstLine: mm(12.7) },
			spacing: { before: 120, line: 300 },
			children: [run(text)]
		});
	// Headings and captions keep with the next paragraph (keepNext): never alone at a page's foot.
	const heading = (text: string) =>
		new d.Paragraph({
			keepNext: true,
			spacing: { before: 120 },
			indent: { firstLine: mm(12.7) },
			children: [run(text, { bold: true })]
		});
	// A line break in a cell's text is a new paragraph (the scorecard lists one missed target a line).
	const cell = (text: string, o: { bold?: boolean; width: number }) =>
		new d.TableCell({
			width: { size: o.width, type: WidthType.PERCENTAGE },
			children: text
				.split('\n')
				.map((l) => new d.Paragraph({ children: [run(l, { bold: o.bold, size: 12 * PT })] }))
		});
	const FIGURE_WIDTHS = [7, 38, 15, 25, 15];
	const SCORECARD_WIDTHS = [10, 28, 12, 50];
	const table = (t: DocTable, WIDTHS: readonly number[] = FIGURE_WIDTHS) => [
		new d.Paragraph({
			keepNext: true,
			spacing: { before: 120 },
			children: [run(t.caption, { bold: true, size: 13 * PT })]
		}),
		new d.Table({
			width: { size: 100, type: WidthType.PERCENTAGE },
			rows: [
				// The header row stays with the first row of figures.
				new d.TableRow({
					tableHeader: true,
					keepNext: true,
					children: t.header.map((h, i) => cell(h, { bold: true, width: WIDTHS[i] ?? 10 }))
				}),
				...t.rows.map(
					(r) => new d.TableRow({ children: r.map((c, i) => cell(c, { width: WIDTHS[i] ?? 10 })) })
				)
			]
		})
	];
	const twoColumns = (left: Para[], right: Para[], split = 42) =>
		new d.Table({
			width: { size: 100, type: WidthType.PERCENTAGE },
			borders: noBorders,
			rows: [
				new d.TableRow({
					children: [
						new d.TableCell({
							width: { size: split, type: WidthType.PERCENTAGE },
							borders: noBorders,
							children: left
						}),
						new d.TableCell({
							width: { size: 100 - split, type: WidthType.PERCENTAGE },
							borders: noBorders,
							children: right
						})
					]
				})
			]
		});

	const m = doc.masthead;
	const body: Block[] = [
		twoColumns(
			[...mastLines(m.body, 22), centred(m.number, { size: 13 * PT })],
			[...mastLines(m.nation, 16), centred(m.placeDate, { italics: true, size: BODY })]
		),
		new d.Paragraph({
			alignment: AlignmentType.CENTER,
			spacing: { before: 360 },
			children: [run(doc.title, { bold: true })]
		}),
		centred(doc.subject, { bold: true }),
		centred(doc.periodLine, { italics: true }),
		rule(60),
		para(doc.opening)
	];
	for (const s of doc.sections) {
		// A paragraph that introduces the section's table stays with it.
		body.push(
			heading(s.heading),
			...s.paragraphs.map((p, i) => para(p, s.table !== undefined && i === s.paragraphs.length - 1))
		);
		if (s.table) body.push(...table(s.table));
		body.push(...(s.after ?? []).map((p) => para(p)));
	}
	body.push(
		new d.Paragraph({ spacing: { before: 240 }, children: [] }),
		twoColumns(
			[
				new d.Paragraph({
					children: [run(doc.recipients.heading, { bold: true, italics: true, size: 12 * PT })]
				}),
				...doc.recipients.lines.map(
					(l) => new d.Paragraph({ children: [run(l, { size: 11 * PT })] })
				)
			],
			[
				...doc.signature.lines.map((l) => centred(l, { bold: true })),
				new d.Paragraph({ spacing: { before: 1400 }, children: [] }),
				centred(doc.signature.name, { bold: true })
			],
			50
		)
	);

	const header = () =>
		new d.Header({
			children: [
				new d.Paragraph({
					alignment: AlignmentType.CENTER,
					children: [new d.TextRun({ children: [d.PageNumber.CURRENT], size: BODY })]
				})
			]
		});
	const page = {
		size: { width: 11906, height: 16838 }, // A4 in twips
		margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10) }
	};
	const sections = [
		{
			properties: { page, titlePage: true },
			headers: { default: header(), first: new d.Header({ children: [] }) },
			children: body
		}
	];
	if (doc.annex)
		sections.push({
			properties: { page, titlePage: false },
			headers: { default: header(), first: new d.Header({ children: [] }) },
			children: [
				...annexHead(doc.annex.heading, doc.annex.title, doc.annex.attached),
				...doc.annex.tables.flatMap((t) => table(t))
			]
		});
	if (doc.scorecard) {
		const sc = doc.scorecard;
		sections.push({
			properties: { page, titlePage: false },
			headers: { default: header(), first: new d.Header({ children: [] }) },
			children: [
				...annexHead(sc.heading, sc.title, sc.attached),
				para(sc.lead, true),
				...table(sc.table, SCORECARD_WIDTHS),
				para(sc.rule)
			]
		});
	}
	return new d.Document({
		creator: 'Sổ họp 534',
		// The library's default is "Un-named", which Word shows as the last author.
		lastModifiedBy: 'Sổ họp 534',
		title: `${doc.title} ${doc.subject}`,
		styles: { default: { document: { run: { font: 'Times New Roman', size: BODY } } } },
		sections
	});
}

/** The .docx file of a report (loads the `docx` library on first use). */
export async function reportDocxBlob(doc: ReportDocument): Promise<Blob> {
	const d = await import('docx');
	return d.Packer.toBlob(buildDocx(doc, d));
}
