# Sourced by each pgbench experiment's run.sh, from its own directory with its arguments: the psql connection options
# in conn (default -h 127.0.0.1 -U postgres), a database of its own named $1_<pid> in db, created with the
# experiment's setup.sql applied, and dropped when the script exits.
# Usage, in run.sh: source ../scratch-db.sh NAME "$@"
name=$1
shift
conn=("$@")
((${#conn[@]})) || conn=(-h 127.0.0.1 -U postgres)
db=${name}_$$
psql -q "${conn[@]}" -c "CREATE DATABASE $db"
trap 'psql -q "${conn[@]}" -c "DROP DATABASE IF EXISTS $db"' EXIT
psql -q "${conn[@]}" -d "$db" -v ON_ERROR_STOP=1 -f setup.sql
