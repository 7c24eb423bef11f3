// Mocha's browser build (it sets the globals describe/it/before…), set up before the test files are evaluated.
import 'mocha/mocha.js';

declare const mocha: { setup(options: Record<string, unknown>): void };
mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30000 });
(globalThis as { codeboomExpectWebHost?: boolean }).codeboomExpectWebHost = true;
