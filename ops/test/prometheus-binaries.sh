#!/usr/bin/env bash
# Prints where the Prometheus server and promtool are, as two shell assignments:
#
#   PROMETHEUS=/path/to/prometheus
#   PROMTOOL=/path/to/promtool
#
# so `eval "$(ops/test/prometheus-binaries.sh)"` sets both. Progress goes to standard error.
#
# Uses the binaries on PATH when both are there. Otherwise it installs Debian's `prometheus`
# package without touching the system: `apt-get download` fetches the .deb into a cache
# directory (default: gateway/target/prometheus-deb, or the first argument) and `dpkg-deb -x`
# unpacks it there; nothing is installed, no service is started. When the package lists are
# missing and we are root, it runs `apt-get update` once and retries. A second run finds the
# unpacked binaries in the cache and downloads nothing.
#
# Exit status: 0 with both paths printed; 1 with a message on standard error saying what failed.
set -euo pipefail

log() { printf 'prometheus-binaries: %s\n' "$*" >&2; }
fail() { log "$*"; exit 1; }

emit() {
    printf 'PROMETHEUS=%s\nPROMTOOL=%s\n' "$1" "$2"
}

if [[ "${PROMETHEUS_BINARIES_IGNORE_PATH:-}" != "1" ]]; then
    on_path_server=$(command -v prometheus || true)
    on_path_tool=$(command -v promtool || true)
    if [[ -n "$on_path_server" && -n "$on_path_tool" ]]; then
        emit "$on_path_server" "$on_path_tool"
        exit 0
    fi
fi

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${1:-"$script_dir/../../gateway/target/prometheus-deb"}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
root="$cache/root"
server="$root/usr/bin/prometheus"
tool="$root/usr/bin/promtool"

usable() { [[ -x "$server" && -x "$tool" ]] && "$tool" --version >/dev/null 2>&1; }

if usable; then
    emit "$server" "$tool"
    exit 0
fi

command -v dpkg-deb >/dev/null || fail "dpkg-deb not found: this needs a Debian-based system, or prometheus and promtool on PATH"
command -v apt-get >/dev/null || fail "apt-get not found: this needs a Debian-based system, or prometheus and promtool on PATH"

deb() { find "$cache" -maxdepth 1 -name 'prometheus_*.deb' -print | sort | tail -n 1; }

download() {
    # as root, apt drops to the _apt user for downloads, which cannot write the cache; stay root
    # here instead of printing a warning (the file is only written to our cache directory)
    local sandbox=()
    [[ $(id -u) -eq 0 ]] && sandbox=(-o APT::Sandbox::User=root)
    (cd "$cache" && apt-get -q "${sandbox[@]}" download prometheus) >&2
}

if [[ -z "$(deb)" ]]; then
    log "downloading Debian's prometheus package into $cache"
    if ! download; then
        if [[ $(id -u) -eq 0 ]]; then
            log "apt-get download failed; refreshing the package lists (apt-get update) and retrying"
            apt-get -q update >&2 || fail "apt-get update failed; check the Debian mirror in /etc/apt/sources.list*"
            download || fail "apt-get download prometheus failed after apt-get update; is the package in the configured suites? (apt-cache policy prometheus)"
        else
            fail "apt-get download prometheus failed; as root run 'apt-get update' (the package lists may be missing), or put prometheus and promtool on PATH"
        fi
    fi
fi

package=$(deb)
[[ -n "$package" ]] || fail "no prometheus_*.deb in $cache after the download"
log "unpacking $(basename "$package")"
rm -rf "$root"
mkdir -p "$root"
dpkg-deb -x "$package" "$root"
usable || fail "$package holds no working usr/bin/prometheus and usr/bin/promtool"
emit "$server" "$tool"
