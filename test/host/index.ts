// Mocha runner loaded by the VS Code extension host (extensionTestsPath = out/test/host/index.js).
// It runs every out/test/host/**/*.test.js (BDD: describe/it) and rejects when a test failed or
// when no test ran. Its last line is exactly `host: N passed, N failed`.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

function findTests(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') found.push(...findTests(full));
    } else if (entry.isFile() && entry.name.endsWith('.test.js')) {
      found.push(full);
    }
  }
  return found.sort();
}

export function run(): Promise<void> {
  return runSuite(__dirname);
}

/** Runs every *.test.js below `dir` with mocha; shared by the English and the Dutch suites. */
export function runSuite(dir: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20000 });
  // CODEBOOM_TEST_GREP: run only the tests whose full title matches (passed through by run-host-tests --grep)
  const grep = process.env.CODEBOOM_TEST_GREP;
  if (grep) mocha.grep(grep);
  const files = findTests(dir);
  for (const f of files) mocha.addFile(f);

  return new Promise<void>((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const finish = (err?: unknown, failures = 0) => {
      failed = Math.max(failed, failures);
      if (err) console.error('host test runner error:', err);
      console.log(`host: ${passed} passed, ${failed} failed`);
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else if (failed > 0) reject(new Error(`${failed} host test(s) failed`));
      else if (passed === 0) reject(new Error(`no host tests ran (${files.length} test files under ${dir})`));
      else resolve();
    };
    try {
      // plain require() (mocha's sync loadFiles), so that `require('vscode')` in the tests goes
      // through the extension host's module interceptor
      const runner = mocha.run((failures) => finish(undefined, failures));
      runner.on('pass', () => {
        passed++;
      });
      runner.on('fail', () => {
        failed++;
      });
    } catch (err) {
      finish(err);
    }
  });
}
