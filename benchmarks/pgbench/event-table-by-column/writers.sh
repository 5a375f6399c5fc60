#!/usr/bin/env bash
# The batch workloads' question asked of the SQL alone (issue 14): how many events a second can the tables of run.sh
# take from several writers, each committing batches of R events with synchronous_commit on, as the load driver's
# "append batches" workloads do? Each script (v*.sql) writes one table; v1, v4 and v5 with the floor's plain
# INSERT ... SELECT (no version check, no function), so a table's rate is the most any append that keeps its columns
# and indexes can reach on this server: v1 the raw floor's table, v4 the guarantees (gap-free log, unique event ids,
# metadata) stored as bytes, v5 our table as it is. v6 and v7 add our append's expected-version check (ADR 0053's
# statement: the stream's highest version read first, the rows inserted in version order only if it is the expected
# one): v6 into v4's table, so every guarantee is paid and nothing else, and v7 into ours, the statement the adapter
# sends for one append, in SQL alone. Prints events/s per script and pass, and each one's median ÷ v1's.
#
#   benchmarks/pgbench/event-table-by-column/writers.sh [--clients C] [--rows "R..."] [--seconds S] [--passes P]
#     [--tables "v1_floor v4_meta ..."] [-- psql connection options, default -h 127.0.0.1 -U postgres]
#   defaults: 4 clients, batches of 10 and of 100 events, 8 s per table, three passes, all five tables (v1 always
#   runs: the ratios are to it), interleaved and each emptied before its turn. ORDERING_PG_URL (as bin/bench-pg-env
#   sets it) names the server when no options are given (../scratch-db.sh).
# Each batch goes to a stream drawn from 48 bits (the v*.sql scripts), so the writers' tens of thousands of batches do
# not collide on (stream, version); a client that fails anyway makes pgbench, and so this script, exit non-zero.
set -euo pipefail
cd "$(dirname "$0")"
CLIENTS=4 BATCHES="10 100" SECS=8 PASSES=3 TABLES="v4_meta v5_ours v6_checked v7_ours_checked"
while (( $# )); do
  case $1 in
    --clients) CLIENTS=$2; shift 2 ;;
    --rows) BATCHES=$2; shift 2 ;;
    --seconds) SECS=$2; shift 2 ;;
    --passes) PASSES=$2; shift 2 ;;
    --tables) TABLES=$2; shift 2 ;;
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
read -ra TABLES <<< "v1_floor ${TABLES//v1_floor/}"
for t in "${TABLES[@]}"; do
  [[ -f $t.sql ]] || { echo "no table script $t.sql here" >&2; exit 2; }
done
source ../scratch-db.sh pgb_event_writers "$@"
declare -A rates=()
for rows in $BATCHES; do
  for (( pass = 1; pass <= PASSES; pass++ )); do
    for t in "${TABLES[@]}"; do
      psql -q "${conn[@]}" -d "$db" -c "TRUNCATE $(awk '/INSERT INTO/ { print $3; exit }' "$t.sql")"
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
