#!/usr/bin/env bash
# The floor under any one-writer append (issue 14): a writer that waits for each append to be durable before the next
# cannot append more often than PostgreSQL commits one transaction for one client. Measured three ways, one client,
# prepared, 10 s each, three interleaved passes: a round trip that writes nothing (SELECT 1), the raw floor's insert
# of one event committed durably (synchronous_commit on, as every subject runs), and the same insert committed
# without waiting for the WAL flush (synchronous_commit off: what giving up durability would buy). Compare the
# event-store workload's "append, 1 writer" rates of the same hour with the second line (docs/benchmarks.md).
# Usage: benchmarks/pgbench/one-writer-floor/run.sh [psql connection options, default -h 127.0.0.1 -U postgres]
set -euo pipefail
cd "$(dirname "$0")"
source ../scratch-db.sh pgb_one_writer "$@"
run() { # label, pgbench options...
  local label=$1; shift
  local tps
  tps=$(pgbench "${conn[@]}" -n -M prepared -c 1 -T 10 "$@" "$db" 2>&1 | grep -E '^tps' | sed -E 's/^tps = ([0-9.]+).*/\1/')
  echo "$pass $label $tps"
}
for pass in 1 2 3; do
  run round-trip -f round_trip.sql
  PGOPTIONS='-c synchronous_commit=on' run durable-insert -f insert_one.sql
  PGOPTIONS='-c synchronous_commit=off' run insert-without-flush -f insert_one.sql
done
