/**
 * The extension's export commands, one generic path over the core's export registry
 * (src/core/exports/registry.ts, which the CLI iterates over too): a command names a registry
 * entry, a translated title and a default file name; the format choice, the save dialog, the
 * study-file guard, the progress and the atomic write are {@link runExport}'s. Errors go through one
 * guard: a refusal of the model is shown, not left as a failed command.
 */
import * as vscode from 'vscode';
import type { MatrixFilters, MatrixIndex, MatrixOptions } from '../core/matrix';
import { saturationMarkdown, saturationSvg } from '../core/saturation';
import type { ExportLabels } from '../core/exports/labels';
import { encodeText } from '../core/port';
import type { Study } from '../core/study';
import { exportBaseName } from '../core/exports/choices';
import type { ExportFormat, ExportInput, ExportSpec } from '../core/exports/registry';
import { FORMAT_EXTENSION, exportSpec, viewExportSpec } from '../core/exports/registry';
import type { StudyService } from '../study/studyService';
import type { PanelState } from '../../webview/protocol';
import { MatrixOptionsSchema, VIEW_VALUES } from '../../webview/protocol';
import { argsObject } from '../platform/commandArgs';
import type { FormatChoice } from './exportFiles';
import { runExport, writeFileAtomic } from './exportFiles';
import { confidentialOverride } from '../study/pseudonymKey';
import { exportLabels, studyExportLabels } from './strings';
import { saturationPoints } from './viewModel';
import { registerCommand } from '../platform/commands';
import { Command } from '../platform/ids';
import type { CommandId } from '../platform/ids';

/** What the export commands need of the matrix feature. */
export interface ExportHost {
  readonly service: StudyService;
  /** The study's analysis index; undefined without a study. */
  index(): MatrixIndex | undefined;
  /** The panel's state, else the last one remembered. */
  lastState(): PanelState;
  /** The extension's folder (its l10n/ bundles: the exports in the study's language). */
  readonly extensionUri?: vscode.Uri;
}

/** An export command of the palette: which registry entry, its title in the dialogs, its default file name. */
interface ExportCommand {
  readonly command: CommandId;
  readonly exportId: string;
  readonly what: () => string;
  readonly baseName: string;
}

const EXPORT_COMMANDS: readonly ExportCommand[] = [
  { command: Command.exportCodebook, exportId: 'codebook', what: () => vscode.l10n.t('Codebook'), baseName: 'codebook' },
  {
    command: Command.exportRespondents,
    exportId: 'respondents',
    what: () => vscode.l10n.t('Respondent table'),
    baseName: 'respondents',
  },
  { command: Command.exportSynthesis, exportId: 'synthesis', what: () => vscode.l10n.t('Synthesis table'), baseName: 'synthesis' },
  { command: Command.exportGioia, exportId: 'gioia', what: () => vscode.l10n.t('Gioia data structure'), baseName: 'data-structure' },
];

/** A format as offered in the quick pick: its translated name and file extension. */
function formatChoice(format: ExportFormat): FormatChoice<ExportFormat> {
  const labels: Record<ExportFormat, string> = {
    csv: vscode.l10n.t('CSV (Excel, UTF-8)'),
    xlsx: vscode.l10n.t('Excel workbook'),
    markdown: vscode.l10n.t('Markdown'),
    html: vscode.l10n.t('Web page (HTML)'),
    svg: vscode.l10n.t('SVG picture'),
  };
  return { format, label: labels[format], extension: FORMAT_EXTENSION[format] };
}

function viewTitle(view: PanelState['view']): string {
  return view === 'matrix' ? vscode.l10n.t('Matrix') : view === 'coverage' ? vscode.l10n.t('Factor coverage') : vscode.l10n.t('Synthesis');
}

export function registerExportCommands(host: ExportHost): vscode.Disposable[] {
  const service = host.service;
  /** Every export command reads its argument the same way; registerCommand shows a StudyError instead of failing. */
  const register = (command: CommandId, run: (a: Record<string, unknown>) => Promise<vscode.Uri | undefined>): vscode.Disposable =>
    registerCommand(command, (raw?: unknown) => run(argsObject(raw, 'uri')));

  const needIndex = (): MatrixIndex | undefined => {
    const index = host.index();
    if (!index) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: no study is open.'));
    }
    return index;
  };

  /** What the registry's builders get in VS Code: the localised labels, the active coder, now, the panel's filters. */
  const input = async (index: MatrixIndex, matrix?: MatrixOptions): Promise<ExportInput> => {
    const root = service.root;
    return {
      study: index.study,
      index,
      labels: await studyExportLabels(index.study, host.extensionUri),
      creator: service.activeCoder.name,
      now: new Date(),
      ...(matrix ? { matrix } : {}),
      filters: host.lastState().options.filters,
      ...(root ? { folderName: root.path.slice(root.path.lastIndexOf('/') + 1) } : {}),
      text: (doc) => service.store?.text(doc),
    };
  };

  const exportOf = (spec: ExportSpec, what: string, baseName: string, a: Record<string, unknown>, matrix?: MatrixOptions) => {
    const index = needIndex();
    if (!index) {
      return Promise.resolve(undefined);
    }
    return runExport({
      study: service,
      what,
      formats: spec.formats.map(formatChoice),
      format: a.format,
      uri: a.uri,
      open: a.open,
      baseName,
      folder: service.root,
      build: async (format) => spec.build(await input(index, matrix), format),
      confidential: () => confidentialOverride(service, a.override),
    });
  };

  return [
    register(Command.exportMatrix, async (a) => {
      const last = host.lastState();
      const view =
        typeof a.view === 'string' && (VIEW_VALUES as readonly string[]).includes(a.view) ? (a.view as PanelState['view']) : last.view;
      const parsed = MatrixOptionsSchema.safeParse(a.options);
      const options: MatrixOptions = parsed.success ? parsed.data : last.options;
      if (view === 'saturation') {
        const index = needIndex();
        return index ? exportSaturation(service, index, options, a) : undefined;
      }
      return exportOf(viewExportSpec(view), viewTitle(view), exportBaseName(view, options), a, options);
    }),
    ...EXPORT_COMMANDS.map((c) => register(c.command, (a) => exportOf(exportSpec(c.exportId)!, c.what(), c.baseName, a))),
  ];
}

/**
 * The Saturation tab's export, like the "Saturation Report" command: the table as Markdown with
 * the chart as an SVG file beside it (same name, .svg), or only the chart. (The panel's filters and
 * translated words: not the CLI's `saturation`, which has neither.)
 */
function exportSaturation(
  service: StudyService,
  index: MatrixIndex,
  options: MatrixOptions,
  a: Record<string, unknown>,
): Promise<vscode.Uri | undefined> {
  const study = index.study;
  const md: FormatChoice<'markdown'> = { format: 'markdown', label: vscode.l10n.t('Markdown with the chart as SVG'), extension: 'md' };
  const svg: FormatChoice<'svg'> = { format: 'svg', label: vscode.l10n.t('SVG picture'), extension: 'svg' };
  return runExport({
    study: service,
    what: vscode.l10n.t('Saturation'),
    formats: [md, svg],
    format: a.format,
    uri: a.uri,
    open: a.open,
    baseName: 'saturation',
    folder: service.root,
    confidential: () => confidentialOverride(service, a.override),
    build: async (format, target) => {
      const points = saturationPoints(index, options);
      const chart = encodeText(saturationSvg(points));
      if (format === 'svg') {
        return chart;
      }
      const name = target.path.slice(target.path.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
      await writeFileAtomic(vscode.Uri.joinPath(target, '..', `${name}.svg`), chart);
      const filters = filterText(study, options.filters, exportLabels());
      const text = saturationMarkdown(study, points).replace(
        /\n\n/,
        filters ? `\n\n*${vscode.l10n.t('Filters')}: ${filters}*\n\n` : '\n\n',
      );
      return encodeText(`${text}\n![${vscode.l10n.t('New and cumulative codes per transcript')}](${encodeURI(name)}.svg)\n`);
    },
  });
}

/** The panel's filters in words ("Polarity: hindering; NDS; Eva Jansen"), or '' without filters. */
function filterText(study: Study, f: MatrixFilters | undefined, labels: ExportLabels): string {
  if (!f) {
    return '';
  }
  const names = new Map(study.project.coders.map((c) => [c.id, c.name ?? c.id]));
  return [
    f.polarity?.length ? `${labels.polarity}: ${f.polarity.map((p) => labels.polarities[p]).join(', ')}` : '',
    f.origin?.length ? `${labels.origin}: ${f.origin.map((o) => labels.origins[o]).join(', ')}` : '',
    f.cases?.length ? f.cases.join(', ') : '',
    f.coders?.length ? f.coders.map((c) => names.get(c) ?? c).join(', ') : '',
  ]
    .filter(Boolean)
    .join('; ');
}
