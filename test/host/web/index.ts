// The host suite's runner in the web worker extension host (node test/harness/run-host-tests.mjs
// --web, or --memfs on a virtual file system): one bundle (scripts/build-web.mjs, webTestBuild) with
// mocha's browser build and every host test file that does not need Node (all but cli-parity,
// commandArgs, dataSafety, paths, team, teamProgress and welcome, which use Node's fs, path, os or git). Its last line is
// exactly `host: N passed, N failed`, as in the Node runner (test/host/index.ts).
import './mochaGlobals';
// agreement first, as in the Node runner (it counts the coders, and the coding tests add one); then the
// coding, tree and matrix tests before the ones that orphan and rewrite transcripts (the tests share the study)
import '../agreement.test';
import '../coding.test';
import '../tree.test';
import '../matrix.test';
import '../sheets.test';
import '../refi.test';
import '../method.test';
import '../transcriptsImport.test';
import '../foundation.test';
import '../margin.test';
import '../methodViews.test';
import '../navigation.test';
import '../orphans.test';
import '../privacy.test';
import '../suggest.test';
import '../suggest-lm.test';
import '../tints.test';
import '../webHost.test';

declare const mocha: {
  grep(re: RegExp): void;
  run(done: (failures: number) => void): { on(event: 'pass' | 'fail', listener: () => void): void };
};
declare const CODEBOOM_TEST_GREP: string;

export function run(): Promise<void> {
  console.log(`web suite: grep ${JSON.stringify(CODEBOOM_TEST_GREP)}`);
  if (CODEBOOM_TEST_GREP) {
    mocha.grep(new RegExp(CODEBOOM_TEST_GREP));
  }
  return new Promise<void>((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run((failures) => {
      failed = Math.max(failed, failures);
      console.log(`host: ${passed} passed, ${failed} failed`);
      if (failed > 0) {
        reject(new Error(`${failed} host test(s) failed`));
      } else if (passed === 0) {
        reject(new Error('no host tests ran'));
      } else {
        resolve();
      }
    });
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
  });
}
