# ./runway test: the whole suite. .ci/run runs exactly this.

runway_test() {
  trap print_phases EXIT
  phase "toolchain + dependencies" ensure_toolchain
  phase "system packages" ensure_test_system_packages
  phase "postgresql" ensure_postgres
  # The typed router and client types must be what the OpenAPI documents give.
  phase "openapi" yarn openapi check
  phase "tsc" yarn tsc
  # Reads the declarations tsc just wrote to dist-types.
  phase "api reports" check_api_reports
  phase "lint" yarn lint:all
  phase "prettier" yarn prettier:check
  # Every package as it is published (dist/ from dist-types), the app the e2e tests serve,
  # and the backend bundle.
  phase "build (all packages)" yarn build:all
  # The packed suite installed into a separate, standard Backstage app (scripts/lib/install-test.sh).
  phase "install test (host app)" run_install_test
  mkdir -p .data/logs
  phase "unit + backend tests" run_logged .data/logs/unit.log env CI=true yarn test
  # A fresh TechDocs folder, so that the journey really builds and indexes the docs.
  rm -rf .data/e2e
  phase "e2e (playwright, chromium)" run_logged .data/logs/e2e.log yarn test:e2e
  print_test_counts .data/logs/unit.log .data/logs/e2e.log
}

# The committed API reports (plugins/*/report*.api.md) must match the packages' public API,
# so that every change to it shows up in review.
check_api_reports() {
  yarn build:api-reports --ci && return 0
  log "a public API changed: run 'yarn tsc && yarn build:api-reports' and commit the reports"
  return 1
}

# Runs a command, keeping its output in a log as well, for the closing count.
run_logged() {
  local log="$1"; shift
  "$@" 2>&1 | tee "$log"
}

# One closing line for the whole suite: Jest's and Playwright's counts added up.
print_test_counts() {
  local unit e2e
  unit=$(sed -E 's/\x1b\[[0-9;]*m//g' "$1" | sed -nE 's/^Tests: +([0-9]+ failed, )?([0-9]+) passed.*/\2/p' | tail -1)
  e2e=$(sed -E 's/\x1b\[[0-9;]*m//g' "$2" | sed -nE 's/^ +([0-9]+) passed \(.*/\1/p' | tail -1)
  echo "unit+backend: ${unit:-0} passed; e2e: ${e2e:-0} passed"
  echo "runway: $(( ${unit:-0} + ${e2e:-0} )) passed, 0 failed"
}

ensure_test_system_packages() {
  ensure_mkdocs || die "the end-to-end test opens TechDocs and needs mkdocs"
  ensure_chromium
}
