# Debian packages Runway needs: mkdocs (+ the material theme) to build TechDocs locally,
# and Chromium for the end-to-end tests (browser downloads do not work everywhere).
# Installed with apt when running as root on Debian; otherwise we say exactly what is missing.

# Builds a one-page site with the material theme: the surest test that TechDocs will work,
# whichever way mkdocs and the theme were installed.
mkdocs_ready() {
  command -v mkdocs >/dev/null 2>&1 || return 1
  local dir ok=0
  dir=$(mktemp -d)
  mkdir -p "$dir/docs"
  echo '# probe' >"$dir/docs/index.md"
  printf 'site_name: probe\ntheme:\n  name: material\n' >"$dir/mkdocs.yml"
  (cd "$dir" && mkdocs build -q -d site) >/dev/null 2>&1 || ok=1
  rm -rf "$dir"
  return $ok
}

# TechDocs needs mkdocs, but the portal starts without it: pages then show a build error.
ensure_mkdocs() {
  mkdocs_ready && return 0
  log "installing mkdocs and mkdocs-material (Debian packages) for TechDocs"
  if apt_install mkdocs mkdocs-material && mkdocs_ready; then
    return 0
  fi
  log "WARNING: TechDocs cannot build docs: install mkdocs and mkdocs-material" \
    "(Debian: apt-get install mkdocs mkdocs-material; elsewhere: pip install mkdocs mkdocs-material)"
  return 1
}

chromium_path() {
  local candidate
  for candidate in "${RUNWAY_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

ensure_chromium() {
  if ! chromium_path >/dev/null; then
    log "installing chromium (Debian package) for the end-to-end tests"
    apt_install chromium || true
  fi
  RUNWAY_CHROMIUM=$(chromium_path) ||
    die "the end-to-end tests need Chromium: apt-get install chromium, or set RUNWAY_CHROMIUM to a Chromium binary"
  export RUNWAY_CHROMIUM
}
