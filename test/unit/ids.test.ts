// Command ids and context keys live in one place (src/platform/ids.ts). package.json contributes the
// same commands, and every `when`/`enablement` context key it reads is one we set; the sources name
// commands only through the constants (a typo in a string id would fail silently at run time).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Command, ContextKey, ViewId } from '../../src/platform/ids';

const REPO = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]> };
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('ids: commands, context keys and views in one place', () => {
  it('Command lists exactly the commands package.json contributes', () => {
    const contributed = pkg.contributes.commands.map((c) => c.command).sort();
    assert.deepStrictEqual(Object.values(Command).sort(), contributed);
  });

  it('every context key package.json reads in when/enablement clauses is set through ContextKey (or is a view id)', () => {
    const read = new Set<string>();
    JSON.stringify(pkg.contributes, (key, value: unknown) => {
      if ((key === 'when' || key === 'enablement') && typeof value === 'string') {
        for (const m of value.matchAll(/codeboom\.[A-Za-z.]+/g)) {
          read.add(m[0]);
        }
      }
      return value;
    });
    const known = new Set<string>([...Object.values(ContextKey), ...Object.values(ViewId)]);
    assert.deepStrictEqual(
      [...read].filter((k) => !known.has(k)),
      [],
    );
  });

  it('ViewId lists the views of the Codeboom container', () => {
    const views = Object.values(pkg.contributes.views)
      .flat()
      .map((v) => v.id)
      .filter((id) => id.startsWith('codeboom.'))
      .sort();
    assert.deepStrictEqual(Object.values(ViewId).sort(), views);
  });

  it('the sources register, run and link commands through the Command constants, not string ids', () => {
    const commandIds = new Set<string>(Object.values(Command));
    const offenders: string[] = [];
    for (const file of sourceFiles(path.join(REPO, 'src'))) {
      if (file.endsWith(path.join('platform', 'ids.ts'))) {
        continue;
      }
      const text = fs.readFileSync(file, 'utf8');
      // where a command id is used: registered, run, or put on a tree item / link / status bar item
      const uses =
        /(?:registerCommand|executeCommand(?:<[^>]*>)?|link)\(\s*['"`](codeboom\.[A-Za-z.]+)['"`]|command\s*[:=]\s*['"`](codeboom\.[A-Za-z.]+)['"`]/g;
      for (const m of text.matchAll(uses)) {
        const id = m[1] ?? m[2];
        if (commandIds.has(id)) {
          offenders.push(`${path.relative(REPO, file)}: ${id}`);
        }
      }
    }
    assert.deepStrictEqual(offenders, []);
  });
});
