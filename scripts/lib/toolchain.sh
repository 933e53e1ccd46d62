# Node and Yarn. Backstage needs Node 22 or 24; when the machine's Node is older, Node 24 comes
# from the npm registry package node-linux-<arch>, which also carries the headers that native
# addons (better-sqlite3) compile against, since header downloads may be impossible.

RUNWAY_NODE_VERSION=24.21.0
TOOLCHAIN_DIR="$ROOT/.toolchain"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local major
  major=$(node_major)
  if [ "$major" = 22 ] || [ "$major" = 24 ]; then
    use_local_node_headers
    return
  fi
  local arch
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) die "no Node 24 build for $(uname -m); install Node 22 or 24 yourself" ;;
  esac
  local dir="$TOOLCHAIN_DIR/node-$RUNWAY_NODE_VERSION-linux-$arch"
  if [ ! -x "$dir/bin/node" ]; then
    command -v npm >/dev/null 2>&1 || die "need npm (any Node) to fetch Node $RUNWAY_NODE_VERSION"
    log "fetching Node $RUNWAY_NODE_VERSION from the npm registry (node-linux-$arch)"
    local tmp
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "node-linux-$arch@$RUNWAY_NODE_VERSION" >/dev/null)
    mkdir -p "$dir"
    tar xzf "$tmp"/node-linux-*.tgz -C "$dir" --strip-components=1
    rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
  # node-gyp builds native addons against these headers instead of downloading them.
  export npm_config_nodedir="$dir"
}

# A Node 22/24 installed from an official tarball (or by Runway) has its headers beside it;
# pointing node-gyp there spares it a header download that may not be possible.
use_local_node_headers() {
  [ -n "${npm_config_nodedir:-}" ] && return
  local prefix
  prefix=$(dirname "$(dirname "$(command -v node)")")
  if [ -f "$prefix/include/node/node.h" ]; then
    export npm_config_nodedir="$prefix"
  fi
}

ensure_yarn() {
  local release
  release=$(sed -n 's/^yarnPath: *//p' .yarnrc.yml)
  [ -f "$release" ] || die "the Yarn release named in .yarnrc.yml ($release) is missing"
  mkdir -p "$TOOLCHAIN_DIR/bin"
  # A launcher on PATH, because Backstage's CLI and Playwright call `yarn` themselves.
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$ROOT/$release" >"$TOOLCHAIN_DIR/bin/yarn"
  chmod +x "$TOOLCHAIN_DIR/bin/yarn"
  export PATH="$TOOLCHAIN_DIR/bin:$PATH"
  export YARN_ENABLE_TELEMETRY=0
}

# Installs dependencies only when the lockfile, a manifest or the Node version changed.
dependencies_checksum() {
  (node --version; cat yarn.lock .yarnrc.yml package.json packages/*/package.json plugins/*/package.json 2>/dev/null) | sha256sum | cut -d' ' -f1
}

ensure_dependencies() {
  local stamp="node_modules/.runway-install-stamp"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(dependencies_checksum)" ]; then
    return
  fi
  if [ "${CI:-}" = true ]; then
    yarn install --immutable
  else
    yarn install
  fi
  dependencies_checksum >"$stamp"
}

ensure_toolchain() {
  ensure_node
  ensure_yarn
  ensure_dependencies
}
