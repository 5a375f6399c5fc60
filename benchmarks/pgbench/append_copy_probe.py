#!/usr/bin/env python3
# The pgbench probe of ADR 0042 (issue 14): eventstore.append_batch against eventstore.append_check plus COPY, the SQL
# alone, and a single append with and without the wake-up's own transaction. Writes the scripts into the current
# directory; run it in a directory the PostgreSQL server can read (COPY reads the rows file on the server's side):
#   mkdir -p /tmp/es-probe && chmod 777 /tmp/es-probe && cd /tmp/es-probe && python3 .../append_copy_probe.py
#   createdb es_probe; apply adapters-postgres' migrations V1..V17 in order with psql -f; then
#   psql -d es_probe -f mkrows10.sql; psql -d es_probe -f mkrows100.sql
#   for s in fn100 copy100 fn10 copy10 one one_notify; do pgbench -n -M prepared -c 1 -T 8 -f $s.sql es_probe; done
# The batch scripts roll back (server work only, same ids every time); one and one_notify commit. Drop es_probe after.
import uuid, json
sid='0192f0c8-0000-7000-8000-00000000beef'
payload=json.dumps({"orderId":sid,"buyer":{"id":"0192f0c8-0000-7000-8000-0000000000a1","name":"Alice Liddell","email":"alice@example.com"},"lines":[{"bookId":"0192f0c8-0000-7000-8000-000000000001","title":"Dune","quantity":2,"unitPrice":{"amount":"12.50","currency":"USD"}},{"bookId":"0192f0c8-0000-7000-8000-000000000002","title":"Neuromancer","quantity":1,"unitPrice":{"amount":"9.99","currency":"USD"}}],"total":{"amount":"34.99","currency":"USD"},"address":{"street":"123 Main St","city":"Seattle","province":"WA"},"at":"2026-12-06T16:45:00.123456Z"},separators=(',',':'))
meta=json.dumps({"actorSub":"bench","actorRoles":["system"],"correlationId":"00000000-0000-0007-0000-000000000007"},separators=(',',':'))
def arr(xs): return "ARRAY["+",".join(xs)+"]"
def q(s): return "'"+s.replace("'","''")+"'"
for n in (10,100):
    ids=[str(uuid.UUID(int=(0xabc<<100)+n*1000+i)) for i in range(n)]
    fn=("SELECT eventstore.append_batch(ARRAY['order'], ARRAY['%s']::uuid[], ARRAY[0], ARRAY[%d], ARRAY[NULL]::text[], ARRAY[NULL]::text[], ARRAY[NULL]::text[], ARRAY[NULL]::text[], ARRAY[NULL]::uuid[], ARRAY[NULL]::bigint[], ARRAY[NULL]::text[], %s::uuid[], %s::text[], %s::int[], %s::text[], %s::text[], '{}'::int[], '{}'::uuid[], '{}'::int[], '{}'::bigint[], %s::int[], %s::int[]);"
       % (sid, n, arr(q(i) for i in ids), arr(q("OrderPlaced") for i in ids), arr("1" for i in ids), arr(q(payload) for i in ids), arr(q(meta) for i in ids), arr("1" for i in ids), arr(str(i+1) for i in range(n))))
    open('fn%d.sql'%n,'w').write("BEGIN;\n"+fn+"\nROLLBACK;\n")
    chk=("SELECT eventstore.append_check('order', '%s', 0, %s::uuid[], NULL, NULL, NULL, NULL, NULL, NULL, NULL, '{}'::uuid[], '{}'::int[], '{}'::bigint[]);" % (sid, arr(q(i) for i in ids)))
    open('copy%d.sql'%n,'w').write("BEGIN;\n"+chk+"\nCOPY eventstore.events (stream_type, stream_id, version, event_id, type, schema_version, data, metadata) FROM '/tmp/es-probe/rows%d.bin' (FORMAT binary);\nROLLBACK;\n"%n)
    rows="\n".join("SELECT 'order'::text, '%s'::uuid, %d, '%s'::uuid, 'OrderPlaced'::text, 1, %s::json, %s::json" % (sid, i+1, ids[i], q(payload), q(meta)) + (" UNION ALL" if i<n-1 else "") for i in range(n))
    open('mkrows%d.sql'%n,'w').write("COPY (\n"+rows+"\n) TO '/tmp/es-probe/rows%d.bin' (FORMAT binary);\n"%n)

one_payload = json.dumps({"orderId": "x", "at": "2026-12-06T16:45:00.123456Z", "lines": [{"bookId":
    "0192f0c8-0000-7000-8000-000000000001", "quantity": 2}], "total": {"amount": "25.00", "currency": "USD"}},
    separators=(',', ':'))
one_meta = json.dumps({"actorSub": "bench", "actorRoles": ["system"]}, separators=(',', ':'))
one = ("SELECT eventstore.append_batch(ARRAY['order'], ARRAY[gen_random_uuid()], ARRAY[0], ARRAY[1],"
       " ARRAY[NULL]::text[], ARRAY[NULL]::text[], ARRAY[NULL]::text[], ARRAY[NULL]::text[], ARRAY[NULL]::uuid[],"
       " ARRAY[NULL]::bigint[], ARRAY[NULL]::text[], ARRAY[gen_random_uuid()], ARRAY['OrderPlaced'], ARRAY[1],"
       " ARRAY['%s'], ARRAY['%s'], '{}'::int[], '{}'::uuid[], '{}'::int[], '{}'::bigint[], ARRAY[1], ARRAY[1]);\n"
       % (one_payload, one_meta))
open('one.sql', 'w').write(one)
open('one_notify.sql', 'w').write(
    one + "SELECT set_config('synchronous_commit', 'off', true), pg_notify('eventstore_events', '');\n")
