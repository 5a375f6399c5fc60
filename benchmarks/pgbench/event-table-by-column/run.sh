#!/usr/bin/env bash
# What each part of eventstore.events costs the server on a 100-event append, step by step from the raw floor's
# table (issue 14; docs/benchmarks.md, "Event store, full mode, twice"): v1 the floor's table, v2 + the log's columns
# (stream type, schema version, tx_id for gap-free reads, recorded_at) and its feed index, v3 + unique event ids,
# v4 + metadata, v5 our table as it is (data and metadata as json). One client, prepared, 8 s per table, three
# interleaved passes, each table emptied before its turn, synchronous_commit off so the server's work is what counts.
# Usage: benchmarks/pgbench/event-table-by-column/run.sh [psql connection options, default -h 127.0.0.1 -U postgres,
#   on ORDERING_PG_URL's port when it names one (../scratch-db.sh)]
set -euo pipefail
cd "$(dirname "$0")"
source ../scratch-db.sh pgb_event_table "$@"
for pass in 1 2 3; do
  for t in v1_floor v2_log v3_ids v4_meta v5_ours; do
    psql -q "${conn[@]}" -d "$db" -c "TRUNCATE $t"
    latency=$(PGOPTIONS='-c synchronous_commit=off' \
      pgbench "${conn[@]}" -n -M prepared -D rows=100 -c 1 -T 8 -f "$t.sql" "$db" 2>&1 | grep 'latency average')
    echo "$pass $t $latency"
  done
done
