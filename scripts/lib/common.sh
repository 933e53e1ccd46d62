# Helpers shared by the runway scripts.

log() { printf '\033[1m[runway]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[runway] %s\033[0m\n' "$*" >&2; exit 1; }

# Runs a named phase and records how long it took, so that CI can print a summary.
RUNWAY_PHASES=()
phase() {
  local name="$1"; shift
  local started=$SECONDS
  log "── $name"
  "$@"
  RUNWAY_PHASES+=("$(printf '%-28s %5ss' "$name" $((SECONDS - started)))")
}

print_phases() {
  log "phase durations:"
  local line
  for line in "${RUNWAY_PHASES[@]}"; do printf '    %s\n' "$line" >&2; done
}

is_root() { [ "$(id -u)" = 0 ]; }

APT_UPDATED=0
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1 || ! is_root; then
    return 1
  fi
  if [ "$APT_UPDATED" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}
