#!/usr/bin/env bash
# Builds (once) and prints the path of a real SeaweedFS `weed` for the S3 suites.
#   bash test/setup/seaweedfs.sh <cache root> [check]
# stdout: the binary's absolute path; progress and failures go to stderr; exit 1 when none can be had.
# SeaweedFS's go.mod has a `replace`, so `go install pkg@version` refuses it: it is built from a small
# module of our own that requires it and repeats that replace.
set -euo pipefail
CACHE_ROOT=$1
MODE=${2:-install}
VERSION=v0.0.0-20261109003541-7506e5f91cd6
DIR="$CACHE_ROOT/seaweedfs/$VERSION"
log() { printf '[prerequisites] seaweedfs: %s\n' "$*" >&2; }
runs() { [ -x "$1" ] && timeout 20 "$1" version >/dev/null 2>&1; }

if [ -n "${AVATARS_WEED_BIN:-}" ]; then
  runs "$AVATARS_WEED_BIN" || { log "AVATARS_WEED_BIN=$AVATARS_WEED_BIN does not run ('weed version' fails): fix or unset it"; exit 1; }
  printf '%s\n' "$AVATARS_WEED_BIN"
  exit 0
fi
if runs "$DIR/weed"; then
  printf '%s\n' "$DIR/weed"
  exit 0
fi
# An earlier manual build of the same version, kept unversioned beside its build folder.
if runs "$CACHE_ROOT/seaweedfs/weed" && grep -qs "seaweedfs/seaweedfs $VERSION" "$CACHE_ROOT/seaweedfs/build/go.mod"; then
  mkdir -p "$DIR" && ln -f "$CACHE_ROOT/seaweedfs/weed" "$DIR/weed"
  printf '%s\n' "$DIR/weed"
  exit 0
fi
if [ "$MODE" = check ]; then
  log "not built yet: bash test/setup/prerequisites.sh builds it into $DIR (about 6-15 minutes)"
  exit 1
fi
command -v go >/dev/null || { log "FAILED: Go is needed to build SeaweedFS"; exit 1; }

mkdir -p "$CACHE_ROOT/seaweedfs"
tmp=$(mktemp -d "$CACHE_ROOT/seaweedfs/.build-$VERSION.XXXXXX")
cat >"$tmp/go.mod" <<MOD
module avatars.local/weedbuild

go 1.22

require github.com/seaweedfs/seaweedfs $VERSION

replace github.com/tyler-smith/go-bip39 => github.com/cosmos/go-bip39 v1.0.0
MOD
printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/seaweedfs/seaweedfs/weed"\n' >"$tmp/tools.go"
log "building SeaweedFS $VERSION into $DIR (first build takes 6-15 minutes)"
start=$(date +%s)
if ! (cd "$tmp" && GOFLAGS=-mod=mod GOTOOLCHAIN="${GOTOOLCHAIN:-auto}" go mod tidy && GOFLAGS=-mod=mod GOTOOLCHAIN="${GOTOOLCHAIN:-auto}" go build -trimpath -ldflags='-s -w' -o weed github.com/seaweedfs/seaweedfs/weed) >"$tmp/build.log" 2>&1; then
  tail -n 20 "$tmp/build.log" >&2
  log "FAILED to build SeaweedFS $VERSION (log: $tmp/build.log); the S3 suites will fail until WEED_BIN names a real weed (AVATARS_WEED_BIN=/path/to/weed)"
  exit 1
fi
mkdir -p "$DIR" && mv -f "$tmp/weed" "$DIR/weed" && rm -rf "$tmp"
log "built in $(($(date +%s) - start)) s -> $DIR/weed"
printf '%s\n' "$DIR/weed"
