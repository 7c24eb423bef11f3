// The environment for a nested `npm install` started from inside `npm run …`/`npm test`: without the
// calling npm's npm_config_* (its user agent names the caller's Node, which install scripts read),
// npm_package_*, npm_lifecycle_*, INIT_CWD, NODE, NODE_OPTIONS, and without the node_modules/.bin and
// node-gyp-bin folders npm put first on PATH. test/harness/setup-host.sh does the same in bash.
import path from 'node:path';

export function cleanNpmEnv(env = process.env) {
  const out = {};
  for (const [k, v] of Object.entries(env)) {
    if (/^npm_/i.test(k) || ['INIT_CWD', 'NODE', 'NODE_OPTIONS', 'NODE_PATH'].includes(k)) continue;
    out[k] = v;
  }
  if (env.PATH) {
    out.PATH = env.PATH.split(path.delimiter)
      .filter((d) => d && !/[\\/]node_modules[\\/]\.bin$/.test(d) && !/[\\/]node-gyp-bin$/.test(d))
      .join(path.delimiter);
  }
  return out;
}
