# The install test: Runway as a platform team gets it. Packs every package under plugins/,
# copies the minimal standard Backstage app of install-test/app to a temporary folder (not a
# workspace of this repo), adds the tarballs to it the way the plugin READMEs say, builds and
# starts it, and checks the compliance API and page and the deployments API there
# (scripts/install-test/check.mjs).
#
# The packages must be built first (dist/, as `yarn build:all` leaves them). The Yarn cache is
# the machine's global one, shared with this repo's install, so nothing is downloaded twice.

INSTALL_TEST_PORTS=(7160 7161 7162 7163 7164 7165 7166 7167 7168 7169)
INSTALL_TEST_DB_PREFIX=runway_install_test_

run_install_test() {
  local started=$SECONDS work status=0
  work=$(mktemp -d "${TMPDIR:-/tmp}/runway-install-test.XXXXXX")
  INSTALL_TEST_BACKEND_PID=""
  # Called in an `||` list, so errexit is off inside: every step returns on failure itself,
  # and the host app's backend is stopped however the test ends.
  install_test_steps "$work" || status=$?
  install_test_cleanup "$work"
  if [ "$status" = 0 ]; then
    log "install test: passed in $((SECONDS - started)) s (pack, install, build, start, API and page)"
  else
    log "install test: FAILED after $((SECONDS - started)) s"
  fi
  return "$status"
}

install_test_steps() {
  local work="$1" port
  pack_runway_packages "$work/tarballs" || return 1
  prepare_host_app "$work/app" "$work/tarballs" || return 1
  add_runway_to_host_app "$work/app" "$work/tarballs" || return 1

  port=$(free_install_test_port) || {
    log "install test: ports ${INSTALL_TEST_PORTS[*]} are all in use"
    return 1
  }
  write_host_app_config "$work/app" "$port" || return 1
  drop_install_test_databases || return 1

  log "install test: building the host app"
  (cd "$work/app" && yarn --cwd packages/app build) >"$work/app-build.log" 2>&1 || {
    install_test_fail "the host app's frontend did not build" "$work/app-build.log"
    return 1
  }

  log "install test: starting the host app on :$port"
  # Its own process group, so that stopping it stops yarn, the CLI and the backend together.
  (cd "$work/app/packages/backend" && exec setsid yarn start \
    --config ../../app-config.yaml --config ../../app-config.install-test.yaml) \
    >"$work/backend.log" 2>&1 &
  INSTALL_TEST_BACKEND_PID=$!

  node scripts/install-test/check.mjs "http://localhost:$port" "$work/backend.log" || {
    install_test_fail "the host app does not serve Runway" "$work/backend.log"
    return 1
  }
}

# yarn pack runs each package's prepack (backstage-cli package prepack), which publishes
# dist/ in place of src/ and turns workspace: ranges into versions, as `npm publish` would.
# One package at a time: a prepack rewrites its package.json while it runs, which a parallel
# pack of a package depending on it can read half-written.
pack_runway_packages() {
  local out="$1"
  mkdir -p "$out"
  yarn workspaces foreach --all --include '@runway/*' \
    pack --out "$out/%s-%v.tgz" >"$out/pack.log" 2>&1 || {
    install_test_fail "yarn pack failed" "$out/pack.log"
    return 1
  }
  log "install test: packed $(ls "$out"/*.tgz | wc -l) packages"
}

prepare_host_app() {
  local app="$1" tarballs="$2"
  cp -R install-test/app/. "$app"
  # The repository's Yarn release and Backstage release, and its lockfile as the seed that
  # create-app would otherwise fetch, so that the host app is on the same release.
  mkdir -p "$app/.yarn/releases" &&
    cp .yarn/releases/*.cjs "$app/.yarn/releases/" &&
    cp .yarnrc.yml backstage.json yarn.lock "$app/" || return 1
  # Stands in for the npm registry, where the packages are not published yet: every
  # @runway/* dependency, direct or transitive, resolves to its tarball.
  node scripts/install-test/resolve-to-tarballs.mjs "$app/package.json" "$tarballs"
}

# What the plugin READMEs tell a platform team to do. `yarn add <name>` alone asks the
# registry for the latest version; here each name gets the range `yarn add` would record for
# that version, which the resolutions then take from the tarball.
add_runway_to_host_app() {
  local app="$1" tarballs="$2"
  log "install test: adding the Runway packages with yarn"
  (
    cd "$app"
    set -e
    yarn --cwd packages/backend add \
      "$(runway_package "$tarballs" @runway/plugin-compliance-backend)" \
      "$(runway_package "$tarballs" @runway/plugin-catalog-backend-module-entity-changes)" \
      "$(runway_package "$tarballs" @runway/plugin-deployments-backend)"
    yarn --cwd packages/app add "$(runway_package "$tarballs" @runway/plugin-compliance)"
  ) >"$app/../yarn-add.log" 2>&1 || {
    install_test_fail "yarn add of the tarballs failed" "$app/../yarn-add.log"
    return 1
  }
  node scripts/install-test/edit-host-app.mjs "$app"
}

# name@^version of a packed package.
runway_package() {
  local tarballs="$1" name="$2"
  node -e 'const v = require(process.argv[1])[process.argv[2]];
    if (!v) throw new Error(`${process.argv[2]} was not packed`);
    console.log(`${process.argv[2]}@^${v}`)' "$tarballs/versions.json" "$name"
}

write_host_app_config() {
  local app="$1" port="$2"
  cat >"$app/app-config.install-test.yaml" <<YAML
app:
  baseUrl: http://localhost:$port
backend:
  baseUrl: http://localhost:$port
  listen:
    port: $port
  database:
    prefix: $INSTALL_TEST_DB_PREFIX
YAML
}

free_install_test_port() {
  local port
  for port in "${INSTALL_TEST_PORTS[@]}"; do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# Each run starts from empty plugin databases.
drop_install_test_databases() {
  local db
  for db in $(psql "$(pg_url)/postgres" -Atqc \
    "select datname from pg_database where datname like '${INSTALL_TEST_DB_PREFIX}%'"); do
    psql "$(pg_url)/postgres" -qc "drop database \"$db\"" >/dev/null
  done
}

install_test_fail() {
  log "install test: $1 — last lines of $2:"
  tail -40 "$2" >&2
}

install_test_cleanup() {
  local work="$1" pid="$INSTALL_TEST_BACKEND_PID"
  if [ -n "$pid" ]; then
    kill -TERM -- -"$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 20); do
      kill -0 -- -"$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- -"$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  INSTALL_TEST_BACKEND_PID=""
  if [ "${RUNWAY_KEEP_INSTALL_TEST:-}" = 1 ]; then
    log "install test: kept $work"
  else
    # The host app's node_modules take a while to delete; nothing waits for that.
    rm -rf "$work" &
  fi
}
