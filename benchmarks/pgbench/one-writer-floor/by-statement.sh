#!/usr/bin/env bash
# Where one writer's append goes (issue 14): the load driver's "append, 1 writer" alone for many rounds (each round
# runs ours, Axon and the raw floor back to back, rotated, so a drift of the disk falls on all three), and what the
# server did meanwhile: each subject's statements (pg_stat_statements: mean execution time, WAL bytes) and the WAL
# flushes (pg_stat_wal with track_wal_io_timing: how many, and the mean time of one). The statistics are reset when
# the driver starts its first round, so its preparation and warm-up are left out.
# Run it on a cluster of its own that loads pg_stat_statements, e.g.:
#   bin/bench-pg-env --variant default= --rounds 1 --pg-opts "-c max_connections=200 \
#     -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all -c track_wal_io_timing=on" \
#     -- benchmarks/pgbench/one-writer-floor/by-statement.sh benchmarks/target/benchmarks.jar 12
# Arguments: the benchmarks jar, the number of rounds (default 12). PostgreSQL from ORDERING_PG_URL (127.0.0.1).
set -euo pipefail
[[ -f ${1:-} ]] || { echo "the first argument is the benchmarks jar; no file at '${1:-}'" >&2; exit 2; }
JAR=$(realpath "$1")
ROUNDS_OF_APPENDS=${2:-12}
[[ $ROUNDS_OF_APPENDS =~ ^[1-9][0-9]*$ ]] || { echo "rounds: a positive number" >&2; exit 2; }
cd "$(dirname "$0")/../../.."
source bin/lib/pg-url.sh
PORT=$(ordering_pg_port) || { echo "ORDERING_PG_URL names no port on 127.0.0.1" >&2; exit 2; }
PSQL=(psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -XAtq)
source bin/lib/jdk.sh
"${PSQL[@]}" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
LOG=$(mktemp /tmp/one-writer-by-statement.XXXXXX)
trap 'rm -f "$LOG"; [[ -z ${DRIVER:-} ]] || kill "$DRIVER" 2>/dev/null || true' EXIT
"$JAVA_HOME/bin/java" -Xmx2g --enable-native-access=ALL-UNNAMED -cp "$JAR" \
  org.bookworm.ordering.benchmarks.LoadDriver --mode full --workloads event-store \
  --subjects ours,axon-4.13,raw-jdbc --only APPEND_1 --rounds "$ROUNDS_OF_APPENDS" >"$LOG" 2>&1 &
DRIVER=$!
until grep -q "^round 1 of" "$LOG"; do
  kill -0 "$DRIVER" 2>/dev/null || { cat "$LOG"; echo "the driver ended before its first round" >&2; exit 1; }
  sleep 0.2
done
"${PSQL[@]}" -c "SELECT pg_stat_statements_reset()" -c "SELECT pg_stat_reset_shared('wal')" >/dev/null
echo "statistics reset at $(date -u +%T), as round 1 began"
rc=0; wait "$DRIVER" || rc=$?; DRIVER=
cat "$LOG"
echo "### The server's side, since round 1 (statements called over 1,000 times)"
"${PSQL[@]}" -F ' | ' -c "SELECT 'calls | mean execution µs | WAL bytes a call | statement'" -c "
  SELECT calls, round(mean_exec_time::numeric * 1000, 1), round(wal_bytes::numeric / calls),
         left(regexp_replace(query, '\s+', ' ', 'g'), 100)
  FROM pg_stat_statements WHERE calls > 1000 ORDER BY calls DESC"
"${PSQL[@]}" -F ' | ' -c "SELECT 'WAL flushes | mean µs a flush | mean µs a write'" -c "
  SELECT wal_sync, round((wal_sync_time / nullif(wal_sync, 0))::numeric * 1000, 1),
         round((wal_write_time / nullif(wal_write, 0))::numeric * 1000, 1)
  FROM pg_stat_wal"
exit "$rc"
