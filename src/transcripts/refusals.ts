/** The core's refusal codes in words (src/core/transcripts names the reason; people read this). */
import * as vscode from 'vscode';
import type { Refused } from '../core/transcripts';

function megabytes(detail: string | undefined): string {
  const n = Number(detail);
  return Number.isFinite(n) ? (n / 1024 / 1024).toFixed(1) : '?';
}

export function refusalText(r: Refused): string {
  switch (r.reason) {
    case 'encrypted':
      return vscode.l10n.t('it is protected with a password: open it in Word, remove the password and save it again');
    case 'empty':
      return vscode.l10n.t('it holds no text');
    case 'tooLarge':
      return vscode.l10n.t('it is too large ({0} MB) for an interview transcript', megabytes(r.detail));
    case 'notUtf8':
      return vscode.l10n.t(
        'it is not UTF-8 text (it looks like {0}): save it as UTF-8 (in Notepad: Save As, Encoding UTF-8) and import it again',
        r.detail ?? '?',
      );
    case 'damaged':
      return r.detail
        ? vscode.l10n.t('it cannot be read as a Word document ({0})', r.detail)
        : vscode.l10n.t('it cannot be read as a Word document');
    case 'unsupported':
      if (r.detail === '.odt') {
        return vscode.l10n.t('OpenDocument (.odt) is not read: save it as Word (.docx) and import that');
      }
      if (r.detail === '.doc') {
        return vscode.l10n.t('it is an old Word document (.doc): save it as .docx and import that');
      }
      return vscode.l10n.t('{0} files are not read: use .docx, .txt, .md, .vtt or .srt', r.detail ?? '?');
  }
}
