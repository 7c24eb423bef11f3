/**
 * The questions an interactive import asks: the case (once per batch), then per file, beside a
 * preview of its first turns, the respondent, the interview number, the date and the pseudonym of
 * every speaker found. Nothing is written before the answers are in; Escape skips the file.
 */
import * as vscode from 'vscode';
import type { Study } from '../core/study';
import type { SourceTranscript, TranscriptMeta } from '../core/transcripts';
import { renderTranscript, suggestSpeakerLabels } from '../core/transcripts';
import { Disposable } from '../platform/lifecycle';
import { counted } from '../core/plural';

const PREVIEW_SCHEME = 'codeboom-import-preview';
const PREVIEW_BLOCKS = 15;

/** Read-only previews of sources (a virtual document: no save prompt when it closes). */
export class ImportPreview extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();

  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Shows the first turns of `source` beside the editor; the returned function closes it. */
  async show(source: SourceTranscript, index: number): Promise<() => Promise<void>> {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${index}/${source.name.replace(/\.[^.]*$/, '')}.md` });
    const more = source.blocks.length - PREVIEW_BLOCKS;
    const note = more > 0 ? `\n*${vscode.l10n.t('… and {0} more paragraphs', more)}*\n` : '';
    this.texts.set(uri.toString(), renderTranscript(source, {}, { maxBlocks: PREVIEW_BLOCKS }) + note);
    try {
      await vscode.window.showTextDocument(uri, { preview: true, preserveFocus: true, viewColumn: vscode.ViewColumn.Beside });
    } catch {
      // A preview that cannot be shown does not stop the import.
    }
    return async () => {
      this.texts.delete(uri.toString());
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
      const open = tabs.filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
      await vscode.window.tabGroups.close(open).then(undefined, () => undefined);
    };
  }
}

/** The case for the whole batch: a case of the study, a new one, or none; undefined when cancelled. */
export async function askCase(study: Study): Promise<{ value?: string } | undefined> {
  const none = vscode.l10n.t('(no case)');
  const other = vscode.l10n.t('Another case…');
  const picked = await vscode.window.showQuickPick([...study.cases(), none, other], {
    title: vscode.l10n.t('Import transcripts: case'),
    placeHolder: vscode.l10n.t('The case these interviews belong to'),
  });
  if (picked === undefined) {
    return undefined;
  }
  if (picked === none) {
    return {};
  }
  if (picked === other) {
    const typed = await vscode.window.showInputBox({ title: vscode.l10n.t('Import transcripts: case'), prompt: vscode.l10n.t('Case id') });
    return typed === undefined ? undefined : typed.trim() ? { value: typed.trim() } : {};
  }
  return { value: picked };
}

type Answer = { meta: TranscriptMeta } | 'skip' | 'stop';

async function askRespondent(study: Study, title: string): Promise<{ value: string } | 'skip' | 'stop'> {
  const other = vscode.l10n.t('New respondent id…');
  const skip = vscode.l10n.t('Skip this file');
  const stop = vscode.l10n.t('Stop importing (skip the rest)');
  const picked = await vscode.window.showQuickPick([...study.respondents(), other, skip, stop], {
    title,
    placeHolder: vscode.l10n.t('The respondent (a pseudonym, never a real name)'),
  });
  if (picked === undefined || picked === skip) {
    return 'skip';
  }
  if (picked === stop) {
    return 'stop';
  }
  if (picked === other) {
    const typed = await vscode.window.showInputBox({ title, prompt: vscode.l10n.t('Respondent id (a pseudonym, e.g. Respondent H)') });
    return typed?.trim() ? { value: typed.trim() } : 'skip';
  }
  return { value: picked };
}

/** The next interview number of a respondent in the study. */
function nextInterview(study: Study, respondent: string): number {
  return study.documents.filter((d) => study.respondentOf(d.path) === respondent).length + 1;
}

/** The answers for one file, or 'skip' / 'stop'. */
export async function askFileMeta(study: Study, source: SourceTranscript, caseId: string | undefined, position: string): Promise<Answer> {
  const title = vscode.l10n.t('Import {0} ({1})', source.name, position);
  const respondent = await askRespondent(study, title);
  if (typeof respondent === 'string') {
    return respondent;
  }
  const interview = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Interview number'),
    value: String(nextInterview(study, respondent.value)),
    validateInput: (v) => (/^\d*$/.test(v.trim()) ? undefined : vscode.l10n.t('A whole number, or empty')),
  });
  if (interview === undefined) {
    return 'skip';
  }
  const date = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Date of the interview (yyyy-mm-dd), or empty'),
    value: source.date ?? '',
    validateInput: (v) =>
      v.trim() === '' || /^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? undefined : vscode.l10n.t('A date as yyyy-mm-dd, or empty'),
  });
  if (date === undefined) {
    return 'skip';
  }
  const suggested = suggestSpeakerLabels(source.speakers, respondent.value, (n) => vscode.l10n.t('Speaker {0}', n));
  const speakers: Record<string, string> = {};
  for (const s of source.speakers) {
    const label = await vscode.window.showInputBox({
      title,
      prompt: vscode.l10n.t(
        'Label for the speaker “{0}” ({1}): a pseudonym such as Interviewer or the respondent id',
        s.name,
        counted(s.turns, 'turn'),
      ),
      value: suggested[s.name] ?? s.name,
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('A label is needed')),
    });
    if (label === undefined) {
      return 'skip';
    }
    speakers[s.name] = label.trim();
  }
  return {
    meta: {
      ...(caseId !== undefined ? { case: caseId } : {}),
      respondent: respondent.value,
      ...(interview.trim() ? { interview: Number(interview.trim()) } : {}),
      ...(date.trim() ? { date: date.trim() } : {}),
      speakers,
    },
  };
}
