import * as vscode from 'vscode';
import { saturation, saturationMarkdown, saturationSvg } from '../core/saturation';
import { inLanguage, studyBundle } from '../l10n/studyLanguage';
import { encodeText } from '../core/port';
import type { StudyService } from '../study/studyService';
import { VscodeFileSystem } from '../platform/vscodeFileSystem';

/** Writes a report under the study (atomically) and, with `open`, offers to open it. */
export async function writeReport(service: StudyService, path: string, data: Uint8Array, open: boolean): Promise<vscode.Uri> {
  const fs = new VscodeFileSystem(service.root!);
  await fs.writeFileAtomic(path, data);
  const uri = fs.uri(path);
  if (open) {
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Codeboom: written {0}', path), vscode.l10n.t('Open'));
    if (choice) {
      await vscode.commands.executeCommand('vscode.open', uri);
    }
  }
  return uri;
}

/** The saturation report (Markdown and its SVG chart), in the study's language (`extensionUri`: its bundles). */
export async function saturationReport(service: StudyService, open = true, extensionUri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const study = service.study;
  if (!study) {
    return undefined;
  }
  const points = saturation(study);
  const bundle = await studyBundle(study, extensionUri);
  const [svg, md] = inLanguage(bundle, () => [saturationSvg(points), saturationMarkdown(study, points, 'saturation.svg')] as const);
  await writeReport(service, 'reports/saturation.svg', encodeText(svg), false);
  const uri = await writeReport(service, 'reports/saturation.md', encodeText(md), false);
  if (open) {
    await vscode.commands
      .executeCommand('markdown.showPreview', uri)
      .then(undefined, () => vscode.commands.executeCommand('vscode.open', uri));
  }
  return uri;
}
