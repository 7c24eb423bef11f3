import * as vscode from 'vscode';
import type { Coding } from '../core/model';
import type { Study } from '../core/study';
import type { StudyService } from '../study/studyService';
import { maxOf } from '../core/port';
import { Command } from '../platform/ids';

const COMMANDS = [Command.uncode, Command.editCodingMemo, Command.recode, Command.revealCode, Command.reattachOrphan, Command.showOrphan];
/** How many orphans the hover over a selection offers to re-attach (the orphan list has them all). */
const MAX_ORPHANS = 5;

const link = (cmd: string, label: string, args: unknown[]) =>
  `[${label}](command:${cmd}?${encodeURIComponent(JSON.stringify(args))} "${label}")`;

/** Hovering a coded passage shows each coding: code path, coder, date, memo, and actions. */
export class CodingHover implements vscode.HoverProvider {
  constructor(private readonly service: StudyService) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const study = this.service.study;
    const doc = study && this.service.docPath(document.uri);
    if (!study || !doc) {
      return undefined;
    }
    const here = study.codingsAt(doc, document.offsetAt(position));
    const selection = vscode.window.activeTextEditor?.document === document ? vscode.window.activeTextEditor.selection : undefined;
    const overSelection = !!selection && !selection.isEmpty && selection.contains(position);
    const orphans = overSelection ? study.codingsOf(doc).filter((c) => c.orphaned) : [];
    if (here.length === 0 && orphans.length === 0) {
      return undefined;
    }
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: COMMANDS };
    md.supportHtml = true;
    if (orphans.length > 0) {
      appendOrphans(md, study, orphans);
      if (here.length === 0) {
        return new vscode.Hover(md, selection);
      }
      md.appendMarkdown('\n\n---\n\n');
    }
    here.forEach((c, i) => {
      if (i > 0) {
        md.appendMarkdown('\n\n---\n\n');
      }
      for (const id of c.codes) {
        const code = study.code(id);
        md.appendMarkdown(`<span style="color:${code?.color ?? '#888888'};">■</span> `);
        md.appendText(study.pathLabel(id) || id);
        md.appendMarkdown(`  \n`);
      }
      md.appendText(`${c.coder} · ${new Date(c.created).toLocaleString(vscode.env.language)}`);
      if (c.memo) {
        md.appendMarkdown('\n\n*');
        md.appendText(c.memo);
        md.appendMarkdown('*');
      }
      md.appendMarkdown(
        '\n\n' +
          [
            link(Command.uncode, vscode.l10n.t('Remove'), [c.id]),
            link(Command.recode, vscode.l10n.t('Change code'), [c.id]),
            link(Command.editCodingMemo, vscode.l10n.t('Edit memo'), [c.id]),
            link(Command.revealCode, vscode.l10n.t('Reveal in tree'), [c.codes[0]]),
          ].join(' · '),
      );
    });
    const start = maxOf(here.map((c) => c.start));
    const end = -maxOf(here.map((c) => -c.end));
    return new vscode.Hover(md, new vscode.Range(document.positionAt(start), document.positionAt(Math.max(start, end))));
  }
}

/** Over a selection: the transcript's orphaned codings, each with a link that re-attaches it to the selection. */
function appendOrphans(md: vscode.MarkdownString, study: Study, orphans: readonly Coding[]): void {
  md.appendMarkdown('$(warning) ');
  md.appendText(
    orphans.length === 1
      ? vscode.l10n.t('This transcript has an orphaned coding. Does it belong to the selection?')
      : vscode.l10n.t('This transcript has {0} orphaned codings. Does one belong to the selection?', orphans.length),
  );
  for (const c of orphans.slice(0, MAX_ORPHANS)) {
    const quote = c.quote.replace(/\s+/g, ' ').trim();
    md.appendMarkdown('\n\n');
    md.appendText(
      `${c.codes.map((id) => study.code(id)?.name ?? id).join(', ')}: “${quote.length > 80 ? quote.slice(0, 79) + '…' : quote}”`,
    );
    md.appendMarkdown(
      '  \n' +
        [
          link(Command.reattachOrphan, vscode.l10n.t('Re-attach to selection'), [c.id]),
          link(Command.showOrphan, vscode.l10n.t('Show old text'), [c.id]),
        ].join(' · '),
    );
  }
}
