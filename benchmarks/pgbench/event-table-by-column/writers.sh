#!/usr/bin/env bash
# The batch workloads' question asked of the SQL alone (issue 14): how many events a second can the tables of run.sh
# take from several writers, each committing batches of R events with synchronous_commit on, as the load driver's
# "append batches" workloads do? Each table is written by the floor's plain INSERT ... SELECT (no version check, no
# stream lock, no function), so a table's rate is the most any append that keeps that table's columns and indexes
# can reach on this server: v1 the raw floor's table, v4 the guarantees (gap-free log, unique event ids, metadata)
# stored as bytes, v5 our table as it is. Prints events/s per table and pass, and each table's median ÷ v1's.
#
#   benchmarks/pgbench/event-table-by-column/writers.sh [--clients C] [--rows "R..."] [--seconds S] [--passes P]
#     [-- psql connection options, default -h 127.0.0.1 -U postgres]
#   defaults: 4 clients, batches of 10 and of 100 events, 8 s per table, three passes, the tables interleaved and each
#   emptied before its turn. ORDERING_PG_URL (as bin/bench-pg-env sets it) names the server when no options are given
#   (../scratch-db.sh).
# Each batch goes to a stream drawn from 48 bits (the v*.sql scripts), so the writers' tens of thousands of batches do
# not collide on (stream, version); a client that fails anyway makes pgbench, and so this script, exit non-zero.
set -euo pipefail
cd "$(dirname "$0")"
CLIENTS=4 BATCHES="10 100" SECS=8 PASSES=3
while (( $# )); do
  case $1 in
    --clients) CLIENTS=$2; shift 2 ;;
    --rows) BATCHES=$2; shift 2 ;;
    --seconds) SECS=$2; shift 2 ;;
    --passes) PASSES=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "unknown argument $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done
for n in "$CLIENTS" "$SECS" "$PASSES" $BATCHES; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "counts are positive whole numbers, not '$n'" >&2; exit 2; }
done
for r in $BATCHES; do
  (( r <= 100 )) || { echo "a batch holds at most 100 events (setup.sql's rows)" >&2; exit 2; }
done
source ../scratch-db.sh pgb_event_writers "$@"
TABLES=(v1_floor v4_meta v5_ours)
declare -A rates=()
for rows in $BATCHES; do
  for (( pass = 1; pass <= PASSES; pass++ )); do
    for t in "${TABLES[@]}"; do
      psql -q "${conn[@]}" -d "$db" -c "TRUNCATE $t"
      tps=$(pgbench "${conn[@]}" -n -M prepared -D rows="$rows" -c "$CLIENTS" -j "$CLIENTS" -T "$SECS" -f "$t.sql" \
        "$db" 2>&1 | awk '/^tps = / { print $3 }')
      rate=$(awk -v t="$tps" -v r="$rows" 'BEGIN { printf "%.0f", t * r }')
      rates[$rows,$t]+="$rate "
      echo "batches of $rows, pass $pass, $t: $rate events/s"
    done
  done
done
median() {
  tr ' ' '\n' | grep . | sort -n |
    awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
for rows in $BATCHES; do
  floor=$(median <<< "${rates[$rows,v1_floor]}")
  for t in "${TABLES[@]}"; do
    m=$(median <<< "${rates[$rows,$t]}")
    awk -v r="$rows" -v t="$t" -v m="$m" -v f="$floor" -v c="$CLIENTS" \
      'BEGIN { printf "batches of %s, %s clients, %s: median %.0f events/s, %.2fx the floor\n", r, c, t, m, m / f }'
  done
done
