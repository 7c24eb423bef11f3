import * as vscode from 'vscode';
import { Command } from '../platform/ids';
import type { StudyService } from '../study/studyService';
import { VscodeFileSystem } from '../platform/vscodeFileSystem';
import { encodeText } from '../core/port';
import { transcriptMemoPath as coreTranscriptMemoPath } from '../core/refi/importProject';

/** Memos beside the codings: one per transcript, and a project journal. `[[code name]]` links to a code. */
export const MEMO_FOLDER = '.codeboom/memos';

/** The same path as the core's (REFI import and export): one rule, which refuses a path outside the study. */
export const transcriptMemoPath = coreTranscriptMemoPath;

async function openOrCreate(service: StudyService, path: string, initial: string, append?: string): Promise<vscode.TextEditor> {
  const fs = new VscodeFileSystem(service.root!);
  if (!(await fs.stat(path))) {
    await fs.writeFileAtomic(path, encodeText(initial));
  }
  const editor = await vscode.window.showTextDocument(fs.uri(path), { preview: false });
  if (append) {
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((e) => e.insert(end, append));
    const last = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(last, last);
    editor.revealRange(new vscode.Range(last, last));
  }
  return editor;
}

export async function openTranscriptMemo(service: StudyService, doc?: string): Promise<vscode.TextEditor | undefined> {
  const editor = vscode.window.activeTextEditor;
  const target = doc ?? (editor ? service.docPath(editor.document.uri) : undefined);
  const study = service.study;
  if (!target || !study) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: open a transcript first.'));
    return undefined;
  }
  const initial = `# ${vscode.l10n.t('Memo: {0}', study.sourceLabel(target))}\n\n${vscode.l10n.t('Transcript: {0}', target)}\n\n`;
  return openOrCreate(service, transcriptMemoPath(target), initial);
}

export async function openJournal(service: StudyService): Promise<vscode.TextEditor | undefined> {
  const study = service.study;
  if (!study) {
    return undefined;
  }
  const today = new Date().toISOString().slice(0, 10);
  return openOrCreate(service, `${MEMO_FOLDER}/journal.md`, `# ${vscode.l10n.t('Journal: {0}', study.name)}\n`, `\n\n## ${today}\n\n`);
}

interface MemoHit {
  readonly label: string;
  readonly detail: string;
  readonly open: () => Thenable<unknown>;
}

/** Every memo (codings, codes, transcripts, journal) in one searchable list. */
export async function collectMemos(service: StudyService): Promise<MemoHit[]> {
  const study = service.study;
  if (!study) {
    return [];
  }
  const out: MemoHit[] = [];
  for (const c of study.allCodings()) {
    if (c.memo) {
      out.push({
        label: `$(comment) ${c.codes.map((id) => study.code(id)?.name ?? id).join(', ')} — ${study.sourceLabel(c.doc)}`,
        detail: c.memo,
        open: async () => {
          const e = await vscode.window.showTextDocument(service.uriOf(c.doc), { preview: false });
          e.selection = new vscode.Selection(e.document.positionAt(c.start), e.document.positionAt(c.end));
          e.revealRange(e.selection, vscode.TextEditorRevealType.InCenter);
        },
      });
    }
  }
  for (const code of study.codes) {
    if (code.memo) {
      out.push({
        label: `$(symbol-class) ${study.pathLabel(code.id)}`,
        detail: code.memo,
        open: () => vscode.commands.executeCommand(Command.revealCode, code.id),
      });
    }
  }
  const fs = new VscodeFileSystem(service.root!);
  const walk = async (folder: string): Promise<void> => {
    for (const [name, kind] of await fs.readDirectory(folder)) {
      const path = `${folder}/${name}`;
      if (kind === 'directory') {
        await walk(path);
      } else if (kind === 'file' && name.endsWith('.md')) {
        const text = new TextDecoder().decode(await fs.readFile(path));
        for (const para of text.split(/\n\s*\n/).filter((p) => p.trim() && !p.startsWith('#'))) {
          out.push({
            label: `$(book) ${path.slice(MEMO_FOLDER.length + 1)}`,
            detail: para.replace(/\s+/g, ' ').trim(),
            open: () => vscode.window.showTextDocument(fs.uri(path)),
          });
        }
      }
    }
  };
  await walk(MEMO_FOLDER);
  return out;
}

export async function searchMemos(service: StudyService): Promise<void> {
  const hits = await collectMemos(service);
  if (hits.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Codeboom: no memos yet.'));
    return;
  }
  const picked = await vscode.window.showQuickPick(
    hits.map((h) => ({ label: h.label, detail: h.detail, hit: h })),
    { title: vscode.l10n.t('Search memos'), matchOnDetail: true, placeHolder: vscode.l10n.t('Type words from a memo') },
  );
  await picked?.hit.open();
}

/** `[[code name]]` in memo files links to the code in the tree. */
export class MemoLinks implements vscode.DocumentLinkProvider {
  constructor(private readonly service: StudyService) {}

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    const study = this.service.study;
    const rel = this.service.root && document.uri.path.startsWith(this.service.root.path + '/' + MEMO_FOLDER + '/');
    if (!study || !rel) {
      return [];
    }
    const links: vscode.DocumentLink[] = [];
    const text = document.getText();
    for (const m of text.matchAll(/\[\[([^\]\n]+)\]\]/g)) {
      const code = study.codes.find((c) => c.name.localeCompare(m[1].trim(), undefined, { sensitivity: 'base' }) === 0);
      if (code) {
        const range = new vscode.Range(document.positionAt(m.index! + 2), document.positionAt(m.index! + m[0].length - 2));
        const link = new vscode.DocumentLink(
          range,
          vscode.Uri.parse(`command:${Command.revealCode}?${encodeURIComponent(JSON.stringify([code.id]))}`),
        );
        link.tooltip = study.pathLabel(code.id);
        links.push(link);
      }
    }
    return links;
  }
}
