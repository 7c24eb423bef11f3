/**
 * "Export Member Check…": one respondent's transcripts, or one transcript (from the Transcripts
 * view), as a .docx with the codes as Word comments beside the passages, or as a page that prints
 * well. Pseudonymised when the study has a pseudonym list (unless `pseudonymise: false`).
 */
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { registerCommand } from '../platform/commands';
import { Command } from '../platform/ids';
import { StudyError } from '../core/study';
import { readMemoFiles } from '../core/refi';
import { buildMemberCheck, memberCheckCodes, memberCheckHtml, memberCheckInput, type MemberCheckTarget } from '../core/memberCheck';
import type { StudyService } from '../study/studyService';
import { confidentialOverride, studyPseudonymList } from '../study/pseudonymKey';
import { runExport } from '../matrix/exportFiles';
import { memberCheckDocx } from '../platform/docxWriter';

interface MemberCheckArgs {
  readonly respondent?: string;
  readonly transcript?: string;
  /** A Transcripts view item. */
  readonly doc?: string;
  readonly format?: 'docx' | 'html';
  /** Only these codes (ids or names, each with the codes under it). */
  readonly codes?: readonly string[];
  readonly uri?: unknown;
  readonly pseudonymise?: boolean;
  readonly override?: string;
  readonly open?: boolean;
}

async function target(service: StudyService, a: MemberCheckArgs): Promise<MemberCheckTarget | undefined> {
  const transcript = a.transcript ?? a.doc;
  if (transcript !== undefined) {
    return { transcript };
  }
  if (a.respondent !== undefined) {
    return { respondent: a.respondent };
  }
  const study = service.study!;
  const picked = await vscode.window.showQuickPick(
    [
      ...study
        .respondents()
        .map((r) => ({ label: r, description: vscode.l10n.t('respondent'), t: { respondent: r } as MemberCheckTarget })),
      ...study.documents.map((d) => ({
        label: study.sourceLabel(d.path),
        description: d.path,
        t: { transcript: d.path } as MemberCheckTarget,
      })),
    ],
    { title: vscode.l10n.t('Member check for which respondent or transcript?') },
  );
  return picked?.t;
}

export function registerMemberCheck(service: StudyService): vscode.Disposable {
  return registerCommand(Command.exportMemberCheck, async (arg?: unknown) => {
    const a = (arg && typeof arg === 'object' ? arg : {}) as MemberCheckArgs;
    const study = service.study;
    const store = service.store;
    if (!study || !store) {
      throw new StudyError(l10n.t('Open a study first.'));
    }
    const t = await target(service, a);
    if (!t) {
      return undefined;
    }
    const list = a.pseudonymise === false ? undefined : await studyPseudonymList(service);
    // Pseudonymised with the list, the document passes the check by itself; without one, a confidential study's gate applies.
    const override = list ? undefined : await confidentialOverride(service, a.override);
    const memos = new Map((await readMemoFiles(store.fs)).map((m) => [m.path, m.text]));
    const codes = memberCheckCodes(study, Array.isArray(a.codes) ? a.codes.filter((c): c is string => typeof c === 'string') : undefined);
    const model = buildMemberCheck(memberCheckInput({ study, text: (d) => store.text(d), memo: (d) => memos.get(d) }, t, list, codes));
    const base = ('respondent' in t ? t.respondent : t.transcript.replace(/^.*\//, '').replace(/\.[^.]*$/, '')).replace(
      /[^\p{L}\p{N}_-]+/gu,
      '-',
    );
    return runExport({
      what: vscode.l10n.t('Member Check'),
      formats: [
        { format: 'docx', label: vscode.l10n.t('Word document (the codes as comments)'), extension: 'docx' },
        { format: 'html', label: vscode.l10n.t('Web page (prints well to PDF)'), extension: 'html' },
      ],
      format: a.format,
      uri: a.uri,
      open: a.open,
      baseName: `member-check-${base}`,
      folder: service.root,
      study: service,
      build: async (format) =>
        format === 'html' ? memberCheckHtml(model, override) : memberCheckDocx(model, override, service.activeCoder.name),
    });
  });
}
