/**
 * The core's sentences in another language outside VS Code (the CLI's `--lang`): reads the
 * extension's bundle l10n/bundle.l10n.<lang>.json and gives it to @vscode/l10n, which the core
 * translates with (src/core/messages.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as l10n from '@vscode/l10n';

/**
 * Makes the core speak `lang` ('nl'; 'en' or '' is the English the core is written in). Returns
 * false, and leaves the core in English, when there is no bundle for that language.
 */
export function loadL10nBundle(lang: string, extensionRoot: string): boolean {
  const code = lang.trim().toLowerCase();
  if (code === '' || code === 'en' || code.startsWith('en-')) {
    l10n.config({ contents: {} });
    return true;
  }
  if (!/^[a-z]{2,3}(-[a-z0-9]+)*$/.test(code)) {
    l10n.config({ contents: {} });
    return false;
  }
  const file = path.join(extensionRoot, 'l10n', `bundle.l10n.${code}.json`);
  if (!fs.existsSync(file)) {
    l10n.config({ contents: {} });
    return false;
  }
  l10n.config({ contents: fs.readFileSync(file, 'utf8') });
  return true;
}
