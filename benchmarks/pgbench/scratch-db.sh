# Sourced by each pgbench experiment's script, from its own directory with its arguments: the psql connection options
# in conn (default -h 127.0.0.1 -U postgres, on the port of ORDERING_PG_URL when it names one on 127.0.0.1, as
# bin/bench-pg-env sets it), a database of its own named $1_<pid> in db, created with the experiment's setup.sql
# applied, and dropped when the script exits.
# Usage, in run.sh: source ../scratch-db.sh NAME "$@"
name=$1
shift
conn=("$@")
if ((${#conn[@]} == 0)); then
  conn=(-h 127.0.0.1 -U postgres)
  source "$(dirname "${BASH_SOURCE[0]}")/../../bin/lib/pg-url.sh"
  port=$(ordering_pg_port) && conn+=(-p "$port")
fi
db=${name}_$$
psql -q "${conn[@]}" -c "CREATE DATABASE $db"
trap 'psql -q "${conn[@]}" -c "DROP DATABASE IF EXISTS $db"' EXIT
psql -q "${conn[@]}" -d "$db" -v ON_ERROR_STOP=1 -f setup.sql
