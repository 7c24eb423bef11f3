// The core's import ban (eslint.config.mjs) is real: linting a file placed in src/core that imports
// VS Code or any Node built-in fails; the same imports outside the core pass.
import * as assert from 'assert';
import * as path from 'path';
import { ESLint } from 'eslint';

const REPO = path.resolve(__dirname, '..', '..', '..');

async function ruleIds(code: string, file: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: REPO });
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, file) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('lint: the core stays portable', function () {
  this.timeout(60000);
  for (const mod of [
    'vscode',
    'fs',
    'node:fs/promises',
    'crypto',
    'node:crypto',
    'url',
    'util',
    'zlib',
    'child_process',
    'worker_threads',
  ]) {
    it(`src/core may not import '${mod}'`, async () => {
      const ids = await ruleIds(`import * as m from '${mod}';\nexport const x = m;\n`, 'src/core/__probe.ts');
      assert.ok(ids.includes('@typescript-eslint/no-restricted-imports'), `expected a restricted-import error, got ${JSON.stringify(ids)}`);
    });
  }
  it('the same import outside the core is allowed', async () => {
    const ids = await ruleIds(`import * as m from 'crypto';\nexport const x = m;\n`, 'src/node/__probe.ts');
    assert.deepStrictEqual(ids, []);
  });
  it('the core may import its own modules and portable libraries', async () => {
    const ids = await ruleIds(
      `import { z } from 'zod';\nimport type { FileSystemPort } from './port';\nexport const x = z;\nexport type P = FileSystemPort;\n`,
      'src/core/__probe.ts',
    );
    assert.deepStrictEqual(ids, []);
  });
  it('features and the study service reach src/node only through the LocalMachine port', async () => {
    const code = `import { readTextFileSync } from '../node/nodeFileSystem';\nexport const x = readTextFileSync;\n`;
    for (const file of ['src/study/__probe.ts', 'src/tree/__probe.ts', 'src/core/__probe.ts']) {
      const ids = await ruleIds(code, file);
      assert.ok(
        ids.includes('@typescript-eslint/no-restricted-imports'),
        `${file}: expected a restricted-import error, got ${JSON.stringify(ids)}`,
      );
    }
    for (const file of ['src/platform/__probe.ts', 'src/node/__probe.ts']) {
      assert.deepStrictEqual(await ruleIds(code, file), [], file);
    }
  });
});
