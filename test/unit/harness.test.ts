// The test host's install (test/harness/setup-host.sh) runs its nested npm installs without the
// calling npm's environment: `npm test` exports npm_config_user_agent="… node/v20 …", which the
// nested npm takes as its own config and code-server's postinstall reads to refuse Node 24.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const REPO = path.resolve(__dirname, '..', '..', '..');

describe('test host install environment', () => {
  it('drops every npm_* variable, INIT_CWD, NODE and npm-added PATH entries before the nested installs', () => {
    const env = {
      ...process.env,
      npm_config_user_agent: 'npm/11.0.0 node/v20.20.2 linux x64 workspaces/false',
      npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
      npm_package_name: 'codeboom',
      npm_lifecycle_event: 'test',
      npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
      NPM_CONFIG_PREFIX: '/somewhere',
      INIT_CWD: REPO,
      NODE: '/usr/bin/node',
      NODE_OPTIONS: '--max-old-space-size=64',
      PATH: [
        path.join(REPO, 'node_modules', '.bin'),
        '/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin',
        '/usr/bin',
        '/bin',
      ].join(':'),
    };
    const r = spawnSync('bash', [path.join(REPO, 'test/harness/setup-host.sh'), '--print-clean-env'], { env, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    const vars = new Map(
      r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    const leaked = [...vars.keys()].filter((k) => /^npm_/i.test(k) || ['INIT_CWD', 'NODE', 'NODE_OPTIONS'].includes(k));
    assert.deepStrictEqual(leaked, []);
    assert.strictEqual(vars.get('PATH'), '/usr/bin:/bin');
    assert.strictEqual(vars.get('HOME'), process.env.HOME, 'the rest of the environment is kept');
  });

  it('the JavaScript twin (test/harness/clean-env.mjs, for the bench baseline install) drops the same', () => {
    const env = {
      ...process.env,
      npm_config_user_agent: 'npm/11.0.0 node/v20.20.2 linux x64 workspaces/false',
      npm_package_name: 'codeboom',
      INIT_CWD: REPO,
      NODE: '/usr/bin/node',
      PATH: [path.join(REPO, 'node_modules', '.bin'), '/x/node-gyp-bin', '/usr/bin', '/bin'].join(':'),
    };
    const script = `import { cleanNpmEnv } from ${JSON.stringify(path.join(REPO, 'test/harness/clean-env.mjs'))}; console.log(JSON.stringify(cleanNpmEnv()));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    const vars = JSON.parse(r.stdout) as Record<string, string>;
    assert.deepStrictEqual(
      Object.keys(vars).filter((k) => /^npm_/i.test(k) || ['INIT_CWD', 'NODE'].includes(k)),
      [],
    );
    assert.strictEqual(vars.PATH, '/usr/bin:/bin');
    assert.strictEqual(vars.HOME, process.env.HOME);
  });

  it('CI installs the test host from nothing: .ci/run points CODEBOOM_HOST_CACHE at a new empty folder and runs the README command', () => {
    const ci = fs.readFileSync(path.join(REPO, '.ci/run'), 'utf8');
    assert.match(ci, /export CODEBOOM_HOST_CACHE=.*mktemp -d/);
    assert.match(ci, /^npm ci\b/m);
    assert.match(ci, /^npm test$/m);
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    assert.match(readme, /npm ci && npm test/);
  });
});
