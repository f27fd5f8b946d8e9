#!/usr/bin/env bash
# Builds the kube lab's kube-apiserver v1.20.2 once and caches it outside the repo; prints the binary's path.
# Adapted from /work/shared/lab/kube/build-kube-apiserver.sh (the verified recipe in /work/shared/lab/README.md,
# "Kubernetes lab recipe"). Changes: builds only when the cached binary is missing, takes a lock so two runs at
# once do not build twice, keeps the unpacked, patched tree (the kube build keeps its Go cache in _output/, so a
# rebuild takes ~3 min instead of 8), skips apt-get when the packages are there (so a non-root run works once
# built), and installs the binary atomically (a killed build never leaves a half-copied one behind).
# Cache: $RACKPILOT_LAB_CACHE (default /var/cache/rackpilot). Needs root only for apt-get.
set -euo pipefail
CACHE=${RACKPILOT_LAB_CACHE:-/var/cache/rackpilot}
W=$CACHE/kapi-build
OUT=$CACHE/kube-apiserver-1.20.2
BIN=$OUT/kube-apiserver
SRC_VERSION=1.20.5+really1.20.2-1.1+deb12u1
TREE=$W/kubernetes-1.20.2
PACKAGES=(golang-go rsync make etcd-server golang-github-modern-go-reflect2-dev)

log() { echo "build-kube-apiserver: $*" >&2; }
built() { [ -x "$BIN" ] && [ "$("$BIN" --version 2>/dev/null)" = 'Kubernetes v1.20.2' ]; }
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = 'install ok installed' ]; }

# Everything the build and the lab need; apt-get only for what is missing (waits for a dpkg lock held by e.g.
# unattended-upgrades instead of failing).
ensure_packages() {
  local need=() p
  for p in "$@"; do installed "$p" || need+=("$p"); done
  [ ${#need[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then log "missing packages ${need[*]}: run this script as root"; return 1; fi
  log "apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=120 update -qq >&2
  apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends "${need[@]}" >&2
}

# The lab needs etcd even when the binary is cached already.
if built; then
  ensure_packages etcd-server
  echo "$BIN"
  exit 0
fi

mkdir -p "$W" "$OUT" 2>/dev/null || { log "cannot create $W (set RACKPILOT_LAB_CACHE to a writable dir, or run as root)"; exit 1; }
exec 9>"$CACHE/.kube-apiserver-build.lock"
flock -w 3600 9
# Another run may have finished the build while this one waited for the lock.
if built; then ensure_packages etcd-server; echo "$BIN"; exit 0; fi

started=$(date +%s)
ensure_packages "${PACKAGES[@]}"

# The source package: deb-src only in a private apt config, so the system's sources stay untouched; the mirror
# is the one this machine already uses (first URIs line of its deb822 sources, else sources.list).
if [ ! -f "$W/kubernetes_1.20.5+really1.20.2.orig.tar.gz" ]; then
  mkdir -p "$W/apt/lists/partial" "$W/apt/cache/archives/partial"
  MIRROR=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$MIRROR" ] || MIRROR=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list)
  echo "deb-src $MIRROR bookworm main" >"$W/apt/sources.list"
  APT=(-o "Dir::Etc::SourceList=$W/apt/sources.list" -o Dir::Etc::SourceParts=/nonexistent
    -o "Dir::State::Lists=$W/apt/lists" -o "Dir::Cache=$W/apt/cache")
  log "fetching the kubernetes source package ($SRC_VERSION)"
  apt-get "${APT[@]}" update -qq >&2
  (cd "$W" && apt-get "${APT[@]}" source --download-only "kubernetes=$SRC_VERSION" >&2)
fi

# Unpack and patch only once: the kept tree holds the Go cache (_output/local/go/cache) that makes rebuilds fast.
# The patched modules.txt is the marker: a tree left half-unpacked by a killed run lacks it and is redone.
if ! grep -q '^# github.com/modern-go/reflect2 v1.0.2' "$TREE/vendor/modules.txt" 2>/dev/null; then
  log "unpacking the source"
  rm -rf "$TREE" && tar xzf "$W/kubernetes_1.20.5+really1.20.2.orig.tar.gz" -C "$W"
  # The vendored reflect2 v1.0.1 crashes under Go >= 1.18 ("fatal error: fault" in mapiterinit when json-iterator
  # encodes a map, on the first custom-resource create); Debian's reflect2 1.0.2 is API-compatible.
  R=$TREE/vendor/github.com/modern-go/reflect2
  rm -rf "$R" && mkdir -p "$R"
  cp /usr/share/gocode/src/github.com/modern-go/reflect2/*.go /usr/share/gocode/src/github.com/modern-go/reflect2/*.s "$R/"
  rm -f "$R"/*_test.go
  sed -i 's|^# github.com/modern-go/reflect2 v1.0.1 => github.com/modern-go/reflect2 v1.0.1|# github.com/modern-go/reflect2 v1.0.2 => github.com/modern-go/reflect2 v1.0.2|' "$TREE/vendor/modules.txt"
fi

# The upstream Makefile generates zz_generated.openapi.go (not in the tarball) and builds offline from vendor/.
log "building (cold: ~8 min on 2 cores; with the kept tree: ~3 min)"
(cd "$TREE" && env HOME="$W/home" GOPROXY=off GOFLAGS= CGO_ENABLED=0 make WHAT=cmd/kube-apiserver >&2)
cp "$TREE/_output/bin/kube-apiserver" "$BIN.tmp.$$"
mv -f "$BIN.tmp.$$" "$BIN"
built || { log "the built binary does not report v1.20.2"; exit 1; }
log "built in $(($(date +%s) - started)) s"
echo "$BIN"
