# ./runway start: the portal with the embedded default (SQLite in .data/, Lunr, local TechDocs).

runway_start() {
  ensure_toolchain
  ensure_mkdocs || true
  mkdir -p .data/sqlite .data/techdocs
  log "starting the portal: app http://localhost:3000, backend http://localhost:7007"
  exec yarn start "$@"
}
