/**
 * The member-check document as a Word file, through the `docx` package: the transcript as the
 * document's text, each coding a Word comment on its passage with the code names (Word shows them
 * in the margin, as Codeboom's coding margin does, and the respondent can answer them), then the
 * codes' definitions and the researcher's questions. The introduction, and a confidential study's
 * override, stand in the page header. No VS Code here: the CLI uses it too. The bundle loads docx
 * lazily (dist/docx.js, scripts/build.mjs) on the first member-check export.
 */
import type { McParagraph, MemberCheckDocument } from '../core/memberCheck';
import { memberCheckWords } from '../core/memberCheck';

export async function memberCheckDocx(doc: MemberCheckDocument, override?: string, author = 'Codeboom'): Promise<Uint8Array> {
  const loaded = await import('docx');
  // The bundle's lazily required dist/docx.js is CommonJS: its exports may arrive as `default`.
  const docx = (
    'Document' in loaded && loaded.Document ? loaded : (loaded as unknown as { default: typeof loaded }).default
  ) as typeof loaded;
  const { Document, Packer, Paragraph, TextRun, HeadingLevel, CommentRangeStart, CommentRangeEnd, CommentReference, Header } = docx;
  const w = memberCheckWords();
  type Child = InstanceType<typeof TextRun> | InstanceType<typeof CommentRangeStart> | InstanceType<typeof CommentRangeEnd>;
  const paragraph = (p: McParagraph): InstanceType<typeof Paragraph> => {
    if (p.heading) {
      return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(p.runs.map((r) => r.text).join(''))] });
    }
    const children: Child[] = [];
    for (const run of p.runs) {
      for (const id of run.opens) {
        children.push(new CommentRangeStart(id));
      }
      children.push(new TextRun({ text: run.text, bold: run.bold || undefined, break: run.lineBreakBefore ? 1 : undefined }));
      for (const id of run.closes) {
        children.push(new CommentRangeEnd(id));
        children.push(new TextRun({ children: [new CommentReference(id)] }));
      }
    }
    return new Paragraph({ children });
  };
  const after: InstanceType<typeof Paragraph>[] = [];
  if (doc.codes.length > 0) {
    after.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(w.codes)] }));
    for (const c of doc.codes) {
      after.push(
        new Paragraph({
          children: [new TextRun({ text: c.name, bold: true }), ...(c.definition ? [new TextRun(`: ${c.definition}`)] : [])],
        }),
      );
    }
  }
  if (doc.memos.length > 0) {
    after.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(w.questions)] }));
    for (const m of doc.memos) {
      after.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(m.transcript)] }));
      for (const line of m.text.split(/\n{2,}/)) {
        after.push(new Paragraph({ children: [new TextRun(line)] }));
      }
    }
  }
  const header = [
    ...(override !== undefined
      ? [new Paragraph({ children: [new TextRun({ text: w.override(override), bold: true, color: 'B00000' })] })]
      : []),
    new Paragraph({ children: [new TextRun({ text: doc.title, bold: true })] }),
    new Paragraph({
      children: [new TextRun({ text: `${w.intro}${doc.pseudonymised ? ` ${w.pseudonymised}` : ''}`, italics: true, size: 18 })],
    }),
  ];
  const file = new Document({
    creator: author,
    title: doc.title,
    comments: {
      children: doc.comments.map((c) => ({
        id: c.id,
        author,
        initials: 'CB',
        children: [
          new Paragraph({ children: [new TextRun({ text: c.codes.join(' · '), bold: true })] }),
          ...(c.memo ? [new Paragraph({ children: [new TextRun({ text: c.memo, italics: true })] })] : []),
        ],
      })),
    },
    sections: [{ headers: { default: new Header({ children: header }) }, children: [...doc.paragraphs.map(paragraph), ...after] }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(file));
}
