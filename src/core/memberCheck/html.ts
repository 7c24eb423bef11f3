/**
 * The member-check document as one HTML page that prints well from a browser (to PDF or paper):
 * the text on the left, the code names of the passages that start in a paragraph in a margin on
 * the right, the coded passages highlighted; then the codes' definitions and the researcher's
 * questions. No script, no external resource.
 */
import * as l10n from '@vscode/l10n';
import { encodeText } from '../port';
import type { McParagraph, MemberCheckDocument } from './document';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The document's text as a reader sees it: paragraphs between blank lines, line breaks kept. */
export function memberCheckText(doc: MemberCheckDocument): string {
  return doc.paragraphs.map((p) => p.runs.map((r) => (r.lineBreakBefore ? '\n' : '') + r.text).join('')).join('\n\n');
}

/** The words of the page and the .docx, in the display language. */
export function memberCheckWords(): {
  codes: string;
  questions: string;
  intro: string;
  pseudonymised: string;
  override: (reason: string) => string;
} {
  return {
    codes: l10n.t('The codes used'),
    questions: l10n.t('Questions from the researcher'),
    intro: l10n.t(
      'This is the transcript of your interview, with the codes the researcher gave the passages beside them. Please tell the researcher what is not correct or not what you meant.',
    ),
    pseudonymised: l10n.t('Names are replaced by pseudonyms.'),
    override: (reason) => l10n.t('Exported without a passing pseudonym check: {0}', reason),
  };
}

const CSS = `
body { font: 11pt/1.5 Georgia, 'Times New Roman', serif; max-width: 52rem; margin: 2rem auto; color: #111; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; break-after: avoid; }
.row { display: grid; grid-template-columns: 1fr 11rem; gap: 1.5rem; break-inside: avoid; }
.row p { margin: 0 0 0.8rem; }
aside { font: 9pt/1.3 system-ui, sans-serif; color: #333; border-left: 2px solid #c9a227; padding-left: 0.5rem; margin-bottom: 0.8rem; }
aside div + div { margin-top: 0.3rem; } aside em { color: #555; }
mark { background: #fcefb4; }
dl dt { font-weight: bold; } dl dd { margin: 0 0 0.6rem 1rem; }
.note { font-style: italic; color: #444; }
.override { border: 2px solid #b00; padding: 0.5rem; color: #b00; }
@media print { body { margin: 0; max-width: none; } mark { background: none; text-decoration: underline 2px #c9a227; } }
`;

function paragraphHtml(p: McParagraph, open: Set<number>, doc: MemberCheckDocument): string {
  if (p.heading) {
    return `<h2>${esc(p.runs.map((r) => r.text).join(''))}</h2>`;
  }
  let text = '';
  const margin: string[] = [];
  for (const run of p.runs) {
    for (const id of run.opens) {
      open.add(id);
      const c = doc.comments[id];
      margin.push(`<div>${esc(c.codes.join(' · '))}${c.memo ? `<br><em>${esc(c.memo)}</em>` : ''}</div>`);
    }
    const inner = run.bold ? `<strong>${esc(run.text)}</strong>` : esc(run.text);
    text += (run.lineBreakBefore ? '<br>' : '') + (open.size > 0 ? `<mark>${inner}</mark>` : inner);
    for (const id of run.closes) {
      open.delete(id);
    }
  }
  return `<div class="row"><p>${text}</p><aside>${margin.join('')}</aside></div>`;
}

/** The page; `override`: the reason a confidential study's check was overridden, written at the top. */
export function memberCheckHtml(doc: MemberCheckDocument, override?: string): Uint8Array {
  const w = memberCheckWords();
  const open = new Set<number>();
  const body = doc.paragraphs.map((p) => paragraphHtml(p, open, doc)).join('\n');
  const codes = doc.codes.length
    ? `<h2>${esc(w.codes)}</h2><dl>${doc.codes.map((c) => `<dt>${esc(c.name)}</dt><dd>${esc(c.definition ?? '')}</dd>`).join('')}</dl>`
    : '';
  const memos = doc.memos.length
    ? `<h2>${esc(w.questions)}</h2>${doc.memos.map((m) => `<h3>${esc(m.transcript)}</h3><p>${esc(m.text).replace(/\n/g, '<br>')}</p>`).join('')}`
    : '';
  const html = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${esc(doc.title)}</title><style>${CSS}</style></head>
<body>
${override !== undefined ? `<p class="override">${esc(w.override(override))}</p>\n` : ''}<h1>${esc(doc.title)}</h1>
<p class="note">${esc(w.intro)}${doc.pseudonymised ? ` ${esc(w.pseudonymised)}` : ''}</p>
${body}
${codes}
${memos}
</body></html>
`;
  return encodeText(html);
}
