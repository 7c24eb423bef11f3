/**
 * The coding margin's model for the webview test, made by the extension's own code
 * (src/margin/model.ts, the core's layout) from the sample study, whose code "mandaat" the matrix
 * fixtures renamed to hostile HTML. Bundled by test/webview/run.mjs with the matrix fixtures.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LineIndex } from '../../src/core/highlights';
import type { Study } from '../../src/core/study';
import { marginContent, wrapRows } from '../../src/margin/model';
import type { MarginModel } from '../../webview/margin/protocol';

export function marginModel(study: Study, root: string, doc: string): MarginModel {
  const text = fs.readFileSync(path.join(root, doc), 'utf8');
  const lines = new LineIndex(text);
  const texts = text.split('\n');
  return {
    type: 'model',
    doc,
    lineCount: texts.length,
    rows: wrapRows(texts, 100),
    ...marginContent(study, doc, (o) => lines.positionAt(o).line),
    top: 0,
    strings: {
      title: 'Coding Margin',
      empty: 'No codings in this transcript yet.',
      noTranscript: 'Open a transcript of the study.',
      bracketLabel: '{0}, lines {1}–{2}. Click to select the passage.',
    },
  };
}
