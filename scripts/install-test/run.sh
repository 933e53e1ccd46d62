#!/usr/bin/env bash
# The install test on its own (./runway test runs it after building every package):
#   yarn build:all && scripts/install-test/run.sh
# RUNWAY_KEEP_INSTALL_TEST=1 keeps the temporary host app, to look at or start it again.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
source scripts/lib/common.sh
source scripts/lib/toolchain.sh
source scripts/lib/system-packages.sh
source scripts/lib/postgres.sh
source scripts/lib/install-test.sh
ensure_toolchain
ensure_chromium
ensure_postgres
run_install_test
