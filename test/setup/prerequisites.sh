#!/usr/bin/env bash
# Makes sure everything the test suites need outside node_modules is present:
#   Chromium, a C toolchain + libvips-dev (cgo), Go >= 1.22, slapd + ldap-utils, the Python test
#   dependencies and a real imgproxy binary built from the Go module proxy.
#
# Idempotent. As root on Debian/Ubuntu it installs what is missing (apt-get
# update runs once, and only when something needs installing); otherwise it
# exits 1 and prints the exact commands to run.
#
#   bash test/setup/prerequisites.sh           check and install/build
#   bash test/setup/prerequisites.sh --check   check only, never install
#
# Progress goes to stderr. On success the line before the last of stdout is WEED_BIN=<path or empty>
# (SeaweedFS, test/setup/seaweedfs.sh) and the LAST line is exactly
#   IMGPROXY_BIN=<absolute path>
# so a caller can do:
#   out=$(bash test/setup/prerequisites.sh) && eval "$(tail -n 1 <<<"$out")"
#
# Environment:
#   CHROMIUM_PATH          Chromium binary to require (default /usr/bin/chromium)
#   AVATARS_CACHE_DIR      cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/authentik-avatars)
#   AVATARS_IMGPROXY_BIN   use this prebuilt imgproxy instead of building one
#   AVATARS_IMGPROXY_RETRY=1  retry imgproxy versions whose build failed before
#   REQUIRE_REAL_IMGPROXY=1   fail when no real imgproxy can be had (default: the
#                             suites fall back to test/support/imgproxy-standin.ts)
set -euo pipefail

MODE=install
for arg in "$@"; do
  case "$arg" in
    --check) MODE=check ;;
    -h | --help)
      sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
      exit 0
      ;;
    *)
      printf 'prerequisites.sh: unknown argument: %s (use --check or --help)\n' "$arg" >&2
      exit 2
      ;;
  esac
done

log() { printf '[prerequisites] %s\n' "$*" >&2; }

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
REQUIREMENTS="$REPO_ROOT/test/authentik/requirements.txt"
SELF="$REPO_ROOT/test/setup/prerequisites.sh"
CHROMIUM_BIN="${CHROMIUM_PATH:-/usr/bin/chromium}"
GO_MIN_MINOR=22 # Go >= 1.22

# imgproxy versions, newest (preferred) first: "<version>|<go install target>".
# v4.0.12 carries SSRF-guard, SVG-sanitizer and BMP-loader fixes; v3.29.0 is the
# newest v3 that can be `go install`ed by version and is proven on libvips 8.14.
IMGPROXY_CANDIDATES=(
  "v4.0.12|github.com/imgproxy/imgproxy/v4/cli@v4.0.12"
  "v3.29.0|github.com/imgproxy/imgproxy/v3@v3.29.0"
)

IS_ROOT=false
[ "$(id -u)" -eq 0 ] && IS_ROOT=true
HAS_APT=false
command -v apt-get >/dev/null 2>&1 && [ -r /etc/debian_version ] && HAS_APT=true
CAN_INSTALL=false
[ "$MODE" = install ] && $IS_ROOT && $HAS_APT && CAN_INSTALL=true
SUDO=""
$IS_ROOT || SUDO="sudo "

APT_PKGS=() # Debian packages that are missing
MANUAL=()   # commands/instructions the user has to run

have() { command -v "$1" >/dev/null 2>&1; }
apt_want() {
  local p
  for p in "$@"; do
    [[ " ${APT_PKGS[*]-} " == *" $p "* ]] || APT_PKGS+=("$p")
  done
}

# ---------------------------------------------------------------- system ----
check_system() {
  APT_PKGS=()
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    [ -x "$CHROMIUM_PATH" ] || MANUAL+=("CHROMIUM_PATH=$CHROMIUM_PATH is not executable: unset it to use Debian's chromium, or point it at a Chromium binary")
  elif [ ! -x "$CHROMIUM_BIN" ]; then
    apt_want chromium
  fi

  if ! have gcc; then
    apt_want gcc libc6-dev
  elif ! printf 'int main(void){return 0;}\n' | gcc -x c - -o /dev/null >/dev/null 2>&1; then
    apt_want libc6-dev
  fi

  if ! have pkg-config; then
    apt_want pkg-config
    dpkg-query -W -f='${Status}' libvips-dev 2>/dev/null | grep -q 'ok installed' || apt_want libvips-dev
  elif ! pkg-config --exists vips; then
    apt_want libvips-dev
  fi

  # OpenLDAP for the directory photo tests (test/authentik/ldap): the server and its command-line tools.
  [ -x /usr/sbin/slapd ] || apt_want slapd
  have ldapadd || apt_want ldap-utils

  if ! have python3; then
    apt_want python3 python3-pip
  elif ! python3 -m pip --version >/dev/null 2>&1; then
    apt_want python3-pip
  fi
}

install_apt() {
  [ "${#APT_PKGS[@]}" -gt 0 ] || return 0
  local cmd="${SUDO}apt-get update && ${SUDO}apt-get install -y ${APT_PKGS[*]}"
  if ! $CAN_INSTALL; then
    if $HAS_APT; then
      MANUAL+=("$cmd")
    else
      MANUAL+=("install the equivalents of these Debian packages: ${APT_PKGS[*]}")
    fi
    return 0
  fi
  log "installing Debian packages: ${APT_PKGS[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # The tests run their own slapd with a temporary config: no system directory, no daemon on port 389.
  [[ " ${APT_PKGS[*]} " == *" slapd "* ]] && echo "slapd slapd/no_configuration boolean true" | debconf-set-selections
  if ! apt-get update -qq >&2 || ! apt-get install -y -qq "${APT_PKGS[@]}" >&2; then
    MANUAL+=("$cmd")
    return 0
  fi
  local missing=("${APT_PKGS[@]}")
  check_system
  [ "${#APT_PKGS[@]}" -eq 0 ] || MANUAL+=("$cmd  # still missing after install: ${APT_PKGS[*]} (was: ${missing[*]})")
}

# -------------------------------------------------------------------- go ----
GO_OK=false
check_go() {
  if ! have go && [ -x /usr/local/go/bin/go ]; then
    export PATH="/usr/local/go/bin:$PATH"
  fi
  local arch
  arch=$(uname -m)
  case "$arch" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; esac
  local howto="install Go >= 1.$GO_MIN_MINOR (https://go.dev/dl/), e.g.: curl -fsSL https://go.dev/dl/go1.26.8.linux-$arch.tar.gz | ${SUDO}tar -C /usr/local -xz && export PATH=/usr/local/go/bin:\$PATH"
  if ! have go; then
    MANUAL+=("$howto")
    return 0
  fi
  local v
  v=$(cd / && GOTOOLCHAIN=local go env GOVERSION 2>/dev/null || true)
  if [[ "$v" =~ ^go1\.([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -ge "$GO_MIN_MINOR" ]; then
    GO_OK=true
  else
    MANUAL+=("found Go '${v:-unknown}' at $(command -v go); $howto")
  fi
}

# ---------------------------------------------------------------- python ----
# Checks every "name>=version" line of requirements.txt (dist installed, new enough).
python_deps_ok() {
  python3 - "$REQUIREMENTS" <<'PY' >/dev/null 2>&1
import re, sys
from importlib import metadata

def key(v):
    return tuple(int(x) for x in re.findall(r"\d+", v)[:3])

for line in open(sys.argv[1]):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    m = re.match(r"^([A-Za-z0-9_.\-]+)\s*(?:>=\s*([0-9][^,;\s]*))?", line)
    if not m:
        sys.exit(1)
    have = metadata.version(m.group(1))  # raises if not installed
    if m.group(2) and key(have) < key(m.group(2)):
        sys.exit(1)
PY
}

check_python() {
  have python3 && python3 -m pip --version >/dev/null 2>&1 || return 0 # reported via APT_PKGS
  python_deps_ok && return 0
  local cmd="python3 -m pip install -q -r $REQUIREMENTS"
  if [ "$MODE" = check ]; then
    MANUAL+=("$cmd")
    return 0
  fi
  log "installing Python test dependencies ($REQUIREMENTS)"
  local pip=(env PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q -r "$REQUIREMENTS")
  if "${pip[@]}" >&2 && python_deps_ok; then return 0; fi
  # Debian's own python3 refuses pip (PEP 668); on a root CI machine that may install, allow it there.
  if $CAN_INSTALL && PIP_BREAK_SYSTEM_PACKAGES=1 "${pip[@]}" >&2 && python_deps_ok; then return 0; fi
  MANUAL+=("$cmd  # (externally managed Python? use a virtualenv and rerun from it)")
}

# -------------------------------------------------------------- imgproxy ----
CACHE_ROOT="${AVATARS_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/authentik-avatars}"
IMGPROXY_CACHE=""
IMGPROXY_BIN=""
REFUSED=() # go install targets the module proxy refused

libvips_version() { pkg-config --modversion vips 2>/dev/null || echo unknown; }

binary_runs() { # <binary>
  local bin="$1"
  [ -f "$bin" ] && [ -x "$bin" ] || return 1
  # a binary whose shared libraries vanished (e.g. libvips removed) is useless
  if have ldd && ldd "$bin" 2>/dev/null | grep -q 'not found'; then
    return 1
  fi
  timeout 20 "$bin" version >/dev/null 2>&1
}

imgproxy_usable() { # <cached binary>: complete cache entry that runs
  [ -s "$(dirname "$1")/VERSION" ] && binary_runs "$1"
}

fmt_duration() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

build_imgproxy() { # <version> <go install target>; returns 0 and sets IMGPROXY_BIN on success
  local version="$1" target="$2"
  local dir="$IMGPROXY_CACHE/$version"
  local tmp
  tmp=$(mktemp -d "$IMGPROXY_CACHE/.build-$version.XXXXXX")
  local gotoolchain="${GOTOOLCHAIN:-auto}" # auto: go may fetch the toolchain go.mod asks for
  log "building imgproxy $version: go install $target (GOTOOLCHAIN=$gotoolchain, libvips $(libvips_version)); first build takes minutes"
  local start end rc=0
  start=$(date +%s)
  (
    cd "$tmp"
    GOBIN="$tmp/bin" GOTOOLCHAIN="$gotoolchain" CGO_ENABLED=1 CGO_LDFLAGS_ALLOW='-s|-w' \
      go install -trimpath -ldflags='-s -w' "$target"
  ) 2>&1 | tee "$tmp/build.log" >&2 || rc=$?
  end=$(date +%s)
  local took
  took=$(fmt_duration $((end - start)))

  local built=""
  if [ "$rc" -eq 0 ]; then
    local f
    for f in "$tmp/bin"/*; do [ -f "$f" ] && built="$f"; done
  fi
  if [ -z "$built" ] || ! timeout 20 "$built" version >/dev/null 2>&1; then
    if grep -q -E '403 Forbidden|not available' "$tmp/build.log"; then
      # a registry 'no' is final: this module cannot be had from this network
      log "imgproxy $version: the Go module proxy REFUSED the module (403 'This module version is not available')"
      REFUSED+=("$target")
    fi
    log "imgproxy $version build FAILED after $took (exit $rc); log: $dir/build-failed.log"
    mkdir -p "$dir"
    {
      printf 'libvips=%s\ngo=%s\ntarget=%s\ndate=%s\n---\n' "$(libvips_version)" \
        "$(cd / && go version)" "$target" "$(date -u +%FT%TZ)"
      cat "$tmp/build.log"
    } >"$tmp/failed"
    mv -f "$tmp/failed" "$dir/build-failed.log"
    rm -rf "$tmp"
    return 1
  fi

  mkdir -p "$dir"
  {
    printf 'version=%s\n' "$version"
    printf 'target=%s\n' "$target"
    printf 'reported=%s\n' "$("$built" version 2>/dev/null | head -n 1)"
    printf 'go=%s\n' "$(cd / && GOTOOLCHAIN=$gotoolchain go version 2>/dev/null || true)"
    printf 'libvips=%s\n' "$(libvips_version)"
    printf 'built=%s\n' "$(date -u +%FT%TZ)"
    printf 'build_seconds=%s\n' "$((end - start))"
  } >"$tmp/VERSION"
  # same filesystem: mv is an atomic rename; the binary lands last
  mv -f "$tmp/VERSION" "$dir/VERSION"
  mv -f "$built" "$dir/imgproxy"
  rm -f "$dir/build-failed.log"
  rm -rf "$tmp"
  log "imgproxy $version built in $took -> $dir/imgproxy"
  IMGPROXY_BIN="$dir/imgproxy"
}

ensure_imgproxy() { # <build allowed: true|false>
  local can_build="$1"
  case "$CACHE_ROOT" in /*) ;; *) CACHE_ROOT="$PWD/$CACHE_ROOT" ;; esac
  IMGPROXY_CACHE="$CACHE_ROOT/imgproxy"
  if [ "$MODE" = install ] && [ "$can_build" = true ]; then
    if ! mkdir -p "$IMGPROXY_CACHE" 2>/dev/null || [ ! -w "$IMGPROXY_CACHE" ]; then
      MANUAL+=("cache folder $IMGPROXY_CACHE is not writable: rerun with AVATARS_CACHE_DIR=/some/writable/dir bash $SELF")
      return 0
    fi
    IMGPROXY_CACHE=$(cd "$IMGPROXY_CACHE" && pwd -P)
  fi

  # serialize concurrent runs (parallel suites) on the cache
  if have flock && [ -d "$IMGPROXY_CACHE" ]; then
    exec 9>"$IMGPROXY_CACHE/.lock"
    if ! flock -n 9; then
      log "waiting for another run holding $IMGPROXY_CACHE/.lock"
      flock 9
    fi
  fi

  if [ -n "${AVATARS_IMGPROXY_BIN:-}" ]; then
    if binary_runs "$AVATARS_IMGPROXY_BIN"; then
      IMGPROXY_BIN="$(cd "$(dirname "$AVATARS_IMGPROXY_BIN")" && pwd -P)/$(basename "$AVATARS_IMGPROXY_BIN")"
      log "imgproxy: using AVATARS_IMGPROXY_BIN=$IMGPROXY_BIN ($(timeout 20 "$IMGPROXY_BIN" version 2>/dev/null | head -n 1))"
    else
      MANUAL+=("AVATARS_IMGPROXY_BIN=$AVATARS_IMGPROXY_BIN does not run ('$AVATARS_IMGPROXY_BIN version' fails): fix or unset it")
    fi
    return 0
  fi

  local entry version target
  if [ "$MODE" = check ] || [ "$can_build" != true ]; then
    for entry in "${IMGPROXY_CANDIDATES[@]}"; do
      version="${entry%%|*}"
      if imgproxy_usable "$IMGPROXY_CACHE/$version/imgproxy"; then
        IMGPROXY_BIN="$IMGPROXY_CACHE/$version/imgproxy"
        return 0
      fi
    done
    if [ "$MODE" = check ]; then
      MANUAL+=("bash $SELF   # builds imgproxy into $IMGPROXY_CACHE (needs the Go module proxy)")
    else
      MANUAL+=("bash $SELF   # rerun once the above is done, to build imgproxy")
    fi
    return 0
  fi

  local vips
  vips=$(libvips_version)
  for entry in "${IMGPROXY_CANDIDATES[@]}"; do
    version="${entry%%|*}"
    target="${entry#*|}"
    if imgproxy_usable "$IMGPROXY_CACHE/$version/imgproxy"; then
      IMGPROXY_BIN="$IMGPROXY_CACHE/$version/imgproxy"
      log "imgproxy $version: cached at $IMGPROXY_BIN"
      return 0
    fi
    local failed="$IMGPROXY_CACHE/$version/build-failed.log"
    if [ "${AVATARS_IMGPROXY_RETRY:-0}" != 1 ] && [ -f "$failed" ] &&
      [ "$(head -n 1 "$failed")" = "libvips=$vips" ]; then
      if grep -q -E '403 Forbidden|not available' "$failed"; then
        REFUSED+=("$target")
        log "imgproxy $version: skipped, the Go module proxy refused it before (see $failed; AVATARS_IMGPROXY_RETRY=1 retries)"
      else
        log "imgproxy $version: skipped, its build failed before against libvips $vips (see $failed; AVATARS_IMGPROXY_RETRY=1 retries)"
      fi
      continue
    fi
    build_imgproxy "$version" "$target" && return 0
  done
  if [ "${#REFUSED[@]}" -gt 0 ]; then
    if [ "${REQUIRE_REAL_IMGPROXY:-0}" = 1 ]; then
      MANUAL+=("the Go module proxy refused: ${REFUSED[*]}; provide a prebuilt imgproxy and rerun with AVATARS_IMGPROXY_BIN=/path/to/imgproxy bash $SELF")
    elif [ "${#REFUSED[@]}" -eq "${#IMGPROXY_CANDIDATES[@]}" ]; then
      log "imgproxy: the Go module proxy refuses every imgproxy version here; the imgproxy suites will use test/support/imgproxy-standin.ts"
      log "imgproxy: to test against a real one, AVATARS_IMGPROXY_BIN=/path/to/imgproxy (and REQUIRE_REAL_IMGPROXY=1 to make its absence an error)"
      return 0
    fi
  fi
  if [ "${#REFUSED[@]}" -lt "${#IMGPROXY_CANDIDATES[@]}" ]; then
    MANUAL+=("imgproxy could not be built (logs: $IMGPROXY_CACHE/*/build-failed.log); fix the cause, then: AVATARS_IMGPROXY_RETRY=1 bash $SELF")
  fi
}

# ------------------------------------------------------------------ main ----
check_system
install_apt
check_go
check_python

build_ok=true
$GO_OK || build_ok=false
have gcc && have pkg-config && pkg-config --exists vips || build_ok=false
ensure_imgproxy "$build_ok"
# SeaweedFS for the S3 suites (test/setup/seaweedfs.sh); without one those suites fail and say why.
weed_mode=install
{ [ "$MODE" = check ] || ! $GO_OK; } && weed_mode=check
WEED_BIN=$(bash "$REPO_ROOT/test/setup/seaweedfs.sh" "$CACHE_ROOT" "$weed_mode") || WEED_BIN=""

if [ "${#MANUAL[@]}" -gt 0 ]; then
  if [ "$MODE" = check ]; then
    log "missing prerequisites (--check: nothing was installed). Run:"
  elif ! $IS_ROOT || ! $HAS_APT; then
    log "missing prerequisites (installing needs root on Debian/Ubuntu). Run:"
  else
    log "missing prerequisites. Run:"
  fi
  for cmd in "${MANUAL[@]}"; do
    printf '    %s\n' "$cmd" >&2
  done
  exit 1
fi

log "ok: chromium $CHROMIUM_BIN, libvips $(libvips_version), $(cd / && GOTOOLCHAIN=local go env GOVERSION), python deps, imgproxy ${IMGPROXY_BIN:-stand-in}"
printf 'WEED_BIN=%q\n' "$WEED_BIN"
printf 'IMGPROXY_BIN=%q\n' "$IMGPROXY_BIN"
