# Sourced by the benchmark scripts that run against the PostgreSQL that bin/bench-pg-env starts for them: prints the
# port of ORDERING_PG_URL when it names a server on 127.0.0.1 (jdbc:postgresql://127.0.0.1:PORT/...), else nothing
# and a non-zero status.
ordering_pg_port() {
  [[ ${ORDERING_PG_URL:-} =~ ^jdbc:postgresql://127\.0\.0\.1:([0-9]+)/ ]] && echo "${BASH_REMATCH[1]}"
}
