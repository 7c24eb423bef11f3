/**
 * Messages for the webview test, made by the extension's own code (src/matrix/viewModel.ts and
 * strings.ts, with a stand-in for `vscode.l10n`) from the sample study, plus a large synthetic
 * model for the render measurement. test/webview/run.mjs bundles this file with esbuild.
 */
import { StudyStore } from '../../src/core/store';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { MatrixIndex } from '../../src/core/matrix';
import type { Study } from '../../src/core/study';
import { choices, coverageView, matrixView, passages, saturationView, synthesisView } from '../../src/matrix/viewModel';
import { exportLabels, uiStrings } from '../../src/matrix/strings';
import { contentSecurityPolicy } from '../../src/platform/webviewHtml';
import type { HostMessage, MatrixView, PanelState } from '../../webview/protocol';
import { DEFAULT_PANEL_STATE } from '../../webview/protocol';

export { contentSecurityPolicy };

export const HOSTILE = '<img src=x onerror="window.__xss=1;alert(1)">';

export interface Fixtures {
  model(state: PanelState): Extract<HostMessage, { type: 'model' }>;
  passages(state: PanelState, row: string, column: string): Extract<HostMessage, { type: 'passages' }>;
  study: Study;
  hostileCode: string;
  /** The transcript whose label ("Respondent A, interview 1<img …>") is hostile HTML. */
  hostileDoc: string;
}

/** The sample study, with the code "mandaat" and the interview number of A-1 turned into hostile HTML. */
export async function sampleFixtures(root: string): Promise<Fixtures> {
  const { study } = await StudyStore.open(new NodeFileSystem(root));
  const code = study.codes.find((c) => c.name === 'mandaat')!;
  study.transact('rename', [{ kind: 'updateCode', id: code.id, patch: { name: HOSTILE } }]);
  const hostileDoc = 'transcripts/A-1.md';
  const interviewKey = study.project.attributeKeys.interview;
  study.setDocuments(
    study.documents.map((d) => (d.path === hostileDoc ? { ...d, attributes: { ...d.attributes, [interviewKey]: `1${HOSTILE}` } } : d)),
  );
  const index = new MatrixIndex(study);
  const labels = exportLabels();
  return {
    study,
    hostileCode: code.id,
    hostileDoc,
    model(state) {
      return {
        type: 'model',
        study: study.name,
        state,
        choices: choices(index, labels),
        strings: uiStrings(),
        ...(state.view === 'matrix' ? { matrix: matrixView(index, state.options) } : {}),
        ...(state.view === 'coverage' ? { coverage: coverageView(index, state.options) } : {}),
        ...(state.view === 'synthesis' ? { synthesis: synthesisView(index, state.options, labels) } : {}),
        ...(state.view === 'saturation' ? { saturation: saturationView(index, state.options) } : {}),
      };
    },
    passages(state, row, column) {
      return { type: 'passages', row, column, ...passages(index, state, row, column, labels.noValue) };
    },
  };
}

/** A rows × columns model (a 3-level code tree) with pseudo-random counts. */
export function bigModel(rows: number, columns: number): Extract<HostMessage, { type: 'model' }> {
  let seed = 42;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const matrixRows: MatrixView['rows'][number][] = [];
  for (let i = 0; i < rows; i++) {
    const depth = i % 31 === 0 ? 0 : i % 6 === 1 ? 1 : 2;
    const parent =
      depth === 0
        ? undefined
        : matrixRows
            .slice()
            .reverse()
            .find((r) => r.depth === depth - 1)?.code;
    matrixRows.push({
      code: `c${i}`,
      name: `code ${i} ${'x'.repeat(i % 17)}`,
      path: `path ${i}`,
      depth,
      ...(parent ? { parent } : {}),
      hasChildren: false,
      color: '#4e79a7',
    });
  }
  const withKids = new Set(matrixRows.map((r) => r.parent).filter(Boolean));
  const fixed = matrixRows.map((r) => ({ ...r, hasChildren: withKids.has(r.code) }));
  const values = Array.from({ length: rows * columns }, () => Math.floor(rnd() * rnd() * 40));
  const rowTotals = fixed.map((_r, i) => values.slice(i * columns, i * columns + columns).reduce((a, b) => a + b, 0));
  const columnTotals = Array.from({ length: columns }, (_v, c) => fixed.reduce((a, _r, i) => a + values[i * columns + c], 0));
  return {
    type: 'model',
    study: 'synthetic',
    state: DEFAULT_PANEL_STATE,
    choices: { attributes: ['interview'], cases: [], coders: [], polarities: [], origins: [] },
    strings: uiStrings(),
    matrix: {
      rows: fixed,
      columns: Array.from({ length: columns }, (_v, c) => ({ key: `k${c}`, label: `Column ${c}`, missing: false })),
      values,
      codings: values,
      rowTotals,
      columnTotals,
      grandTotal: rowTotals.reduce((a, b) => a + b, 0),
      showGrandTotal: true,
      max: Math.max(...values),
      percent: false,
      totalsRow: true,
      ms: 0,
      uncounted: 0,
    },
  };
}

export { marginModel } from './marginFixtures';
