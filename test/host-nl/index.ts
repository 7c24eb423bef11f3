// Mocha runner of the Dutch suite (extensionTestsPath = out/test/host-nl/index.js), run with
// `npm run test:host -- --locale nl --tests out/test/host-nl/index.js`: VS Code's display language is
// nl, so the extension shows its l10n/bundle.l10n.nl.json and package.nls.nl.json.
// It runs every out/test/host-nl/**/*.test.js with the English suite's runner, whose last line is
// exactly `host: N passed, N failed`.
import { runSuite } from '../host/index';

export function run(): Promise<void> {
  return runSuite(__dirname);
}
