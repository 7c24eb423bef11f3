import * as assert from 'assert';
import { LineIndex, highlightSpans } from '../../src/core/highlights';
import { Study } from '../../src/core/study';
import type { Coding } from '../../src/core/model';
import { smallProject } from './helpers';

const c = (id: string, start: number, end: number, code: string, orphaned = false): Coding => ({
  id,
  doc: 'd',
  coder: 'eva',
  codes: [code],
  start,
  end,
  quote: '',
  prefix: '',
  suffix: '',
  created: 't',
  ...(orphaned ? { orphaned } : {}),
});

describe('highlights', () => {
  it('groups spans by colour, skips orphans and finds overlaps of two or more codings', () => {
    const study = new Study(smallProject());
    const spans = highlightSpans(study, [
      c('a', 0, 10, 'mandaat'),
      c('b', 5, 15, 'middelen'),
      c('c', 8, 20, 'mandaat'),
      c('d', 30, 40, 'vertrouwen', true),
      c('e', 15, 18, 'vertrouwen'),
    ]);
    assert.deepStrictEqual(spans.byColor.get('#4e79a7'), [
      [0, 10],
      [8, 20],
    ]);
    assert.deepStrictEqual(spans.byColor.get('#f28e2b'), [[5, 15]]);
    assert.deepStrictEqual(spans.byColor.get('#59a14f'), [[15, 18]]);
    assert.deepStrictEqual(spans.overlaps, [[5, 18]]);
  });

  it('touching codings do not overlap', () => {
    const spans = highlightSpans(new Study(smallProject()), [c('a', 0, 10, 'mandaat'), c('b', 10, 20, 'mandaat')]);
    assert.deepStrictEqual(spans.overlaps, []);
  });

  it('maps offsets to lines and characters', () => {
    const idx = new LineIndex('ab\ncd\n\nef');
    assert.deepStrictEqual(idx.positionAt(0), { line: 0, character: 0 });
    assert.deepStrictEqual(idx.positionAt(4), { line: 1, character: 1 });
    assert.deepStrictEqual(idx.positionAt(6), { line: 2, character: 0 });
    assert.deepStrictEqual(idx.positionAt(8), { line: 3, character: 1 });
  });
});
