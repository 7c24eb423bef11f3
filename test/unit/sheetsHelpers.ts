import type { Study } from '../../src/core/study';

/** Every code as "path | definition | colour | polarity | origin | aliases | memo". */
export function codebookLines(s: Study, withColour = true): string[] {
  return s
    .treeOrder()
    .map(({ code }) =>
      [
        s.pathLabel(code.id),
        code.definition ?? '',
        withColour ? code.color : '',
        code.polarity ?? '',
        code.origin ?? '',
        (code.aliases ?? []).join('|'),
        code.memo ?? '',
      ].join(' | '),
    );
}
