import * as assert from 'assert';
import * as path from 'path';
import { EXPORTS, exportHelp } from '../../src/cli';
import { StudyStore } from '../../src/core/store';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { MatrixIndex } from '../../src/core/matrix';
import { DEFAULT_LABELS } from '../../src/core/exports/labels';
import { exportView } from '../../src/core/exports';
import { EXPORT_REGISTRY, FORMAT_EXTENSION, exportSpec, isBinaryExport, viewExportSpec } from '../../src/core/exports/registry';

const SAMPLE = path.resolve(__dirname, '../../../sample/kennisdeling');

describe('export registry (core/exports/registry): one table for the CLI and the extension', () => {
  it('has unique ids, and the CLI offers every export but the panel-only ones, in the registry’s order', () => {
    const ids = EXPORT_REGISTRY.map((e) => e.id);
    assert.strictEqual(new Set(ids).size, ids.length);
    assert.deepStrictEqual(
      [...EXPORTS.keys()],
      ['matrix', 'coverage', 'synthesis', 'respondents', 'codebook', 'gioia', 'qdpx', 'qdc', 'agreement', 'saturation'],
    );
    assert.ok(!EXPORTS.has('synthesis-view'));
    const help = exportHelp();
    for (const id of EXPORTS.keys()) {
      assert.ok(help.includes(`  ${id.padEnd(12)} `), id);
    }
  });

  it('declares formats with file extensions, and which outputs are binary', () => {
    for (const e of EXPORT_REGISTRY) {
      for (const f of e.formats) {
        assert.ok(FORMAT_EXTENSION[f], `${e.id}: ${f}`);
      }
    }
    assert.ok(isBinaryExport(exportSpec('qdpx')!, undefined));
    assert.ok(isBinaryExport(exportSpec('matrix')!, 'xlsx'));
    assert.ok(!isBinaryExport(exportSpec('matrix')!, 'csv'));
    assert.strictEqual(exportSpec('nope'), undefined);
  });

  it('the analysis views’ entries build what exportView builds (default options, default format)', async () => {
    const { study } = await StudyStore.open(new NodeFileSystem(SAMPLE));
    const index = new MatrixIndex(study);
    const now = new Date(2024, 4, 1);
    for (const view of ['matrix', 'coverage', 'synthesis'] as const) {
      const spec = viewExportSpec(view);
      const built = await spec.build({ study, index, labels: DEFAULT_LABELS, creator: 'X', now }, undefined);
      const direct = await exportView(
        { index, labels: DEFAULT_LABELS, creator: 'X', now },
        view,
        { rows: 'tree', columns: { kind: 'case' }, measure: 'codings', filters: {} },
        'csv',
      );
      assert.deepStrictEqual(built, direct, view);
    }
  });
});
