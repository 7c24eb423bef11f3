// One reading of a command's file and options arguments (src/platform/commandArgs.ts), and the
// export commands' one guard: a write that fails is a message about the file, not a failed command.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { api } from './util';
import { argsObject, booleanArg, uriArg } from '../../src/platform/commandArgs';

describe('command arguments (real extension host)', () => {
  it('reads a file argument: a Uri, its JSON form, a URI string, an absolute path, a path inside the study', () => {
    const root = vscode.Uri.file('/study');
    const uri = vscode.Uri.file('/tmp/a.md');
    assert.strictEqual(uriArg(uri), uri);
    assert.strictEqual(uriArg(JSON.parse(JSON.stringify(uri)))?.toString(), uri.toString());
    assert.strictEqual(uriArg('file:///tmp/a.md')?.toString(), uri.toString());
    assert.strictEqual(uriArg('/tmp/a.md', root)?.toString(), uri.toString());
    assert.strictEqual(uriArg('reports/a.md', root)?.path, '/study/reports/a.md');
    // a study on another file system (the browser's web worker host: vscode-remote, github.dev, memfs): an
    // absolute path names a file there, not on a local disk the extension cannot reach
    for (const scheme of ['vscode-remote', 'vscodevfs', 'memfs']) {
      const remote = vscode.Uri.from({ scheme, authority: 'host', path: '/study' });
      assert.strictEqual(uriArg('/tmp/a.md', remote)?.toString(), remote.with({ path: '/tmp/a.md' }).toString(), scheme);
      assert.strictEqual(uriArg('reports/a.md', remote)?.toString(), remote.with({ path: '/study/reports/a.md' }).toString(), scheme);
    }
    for (const none of [undefined, null, '', 3, {}, ['/tmp/a.md']]) {
      assert.strictEqual(uriArg(none, root), undefined, JSON.stringify(none));
    }
  });

  it('reads an options object, a Uri as its file, anything else as no options', () => {
    const uri = vscode.Uri.file('/tmp/a.md');
    assert.deepStrictEqual(argsObject({ format: 'csv' }, 'uri'), { format: 'csv' });
    assert.deepStrictEqual(argsObject(uri, 'uri'), { uri });
    assert.deepStrictEqual(argsObject('x', 'uri'), {});
    assert.deepStrictEqual(argsObject(undefined, 'uri'), {});
    assert.strictEqual(booleanArg(false), false);
    assert.strictEqual(booleanArg('false'), undefined);
  });

  it('an export whose file cannot be written returns nothing instead of failing the command', async () => {
    await api();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-unwritable-'));
    try {
      const notAFolder = path.join(dir, 'file');
      fs.writeFileSync(notAFolder, 'x');
      const written = await vscode.commands.executeCommand('codeboom.exportGioia', {
        format: 'svg',
        uri: vscode.Uri.file(path.join(notAFolder, 'data-structure.svg')),
        open: false,
      });
      assert.strictEqual(written, undefined);
      assert.strictEqual(fs.readFileSync(notAFolder, 'utf8'), 'x');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
