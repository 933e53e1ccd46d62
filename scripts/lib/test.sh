# ./runway test: the whole suite. .ci/run runs exactly this.

runway_test() {
  trap print_phases EXIT
  phase "toolchain + dependencies" ensure_toolchain
  phase "system packages" ensure_test_system_packages
  phase "postgresql" ensure_postgres
  phase "tsc" yarn tsc
  phase "lint" yarn lint:all
  phase "prettier" yarn prettier:check
  phase "unit + backend tests" env CI=true yarn test
  phase "build app for e2e" yarn workspace app build
  # A fresh TechDocs folder, so that the journey really builds and indexes the docs.
  rm -rf .data/e2e
  phase "e2e (playwright, chromium)" yarn test:e2e
}

ensure_test_system_packages() {
  ensure_mkdocs || die "the end-to-end test opens TechDocs and needs mkdocs"
  ensure_chromium
}
