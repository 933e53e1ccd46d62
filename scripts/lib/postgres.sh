# A PostgreSQL server for the backend tests. Uses the one on 127.0.0.1:5432 when it answers,
# starts the machine's cluster when it is installed but stopped, and installs Debian's
# postgresql when there is none. RUNWAY_TEST_POSTGRES_URL points the tests elsewhere.

pg_url() { echo "${RUNWAY_TEST_POSTGRES_URL:-postgresql://postgres:postgres@127.0.0.1:5432}"; }

pg_answers() { psql "$(pg_url)/postgres" -Atqc 'select 1' >/dev/null 2>&1; }

start_debian_cluster() {
  local version
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  [ -n "$version" ] || return 1
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 2>&1 || true
  local i
  for i in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && return 0
    sleep 1
  done
  return 1
}

ensure_postgres() {
  if ! pg_answers; then
    if [ -z "${RUNWAY_TEST_POSTGRES_URL:-}" ]; then
      if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        log "installing PostgreSQL (Debian package postgresql) for the backend tests"
        apt_install postgresql ||
          die "the backend tests need PostgreSQL: apt-get install postgresql, or set RUNWAY_TEST_POSTGRES_URL"
      fi
      pg_isready -q -h 127.0.0.1 -p 5432 || start_debian_cluster ||
        die "PostgreSQL is installed but did not start on 127.0.0.1:5432"
      # A fresh Debian cluster only lets the postgres OS user in; give the tests a password.
      if ! pg_answers && is_root; then
        su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >&2
      fi
    fi
    pg_answers || die "cannot connect to PostgreSQL at $(pg_url)"
  fi
  # TestDatabases (backend-test-utils) runs every store test on this server as well as SQLite.
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$(pg_url)"
  export BACKSTAGE_TEST_DISABLE_DOCKER=1
  log "backend tests use PostgreSQL at $(pg_url | sed -E 's#//([^:/]+):[^@]*@#//\1:***@#')"
}
