import * as vscode from 'vscode';
import type { StudyService } from '../study/studyService';
import { maxOf } from '../core/port';
import { Command } from '../platform/ids';

const COMMANDS = [Command.uncode, Command.editCodingMemo, Command.recode, Command.revealCode];

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
    if (here.length === 0) {
      return undefined;
    }
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: COMMANDS };
    md.supportHtml = true;
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
      const link = (cmd: string, label: string, args: unknown[]) =>
        `[${label}](command:${cmd}?${encodeURIComponent(JSON.stringify(args))} "${label}")`;
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
