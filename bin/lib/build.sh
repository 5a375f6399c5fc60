# Sourced by bin/ordering: builds the shaded CLI jar on first use and says what is happening while it does.
#
#   ensure_built JAR LOCK_FILE LOG_FILE BUILD_COMMAND...
#
# Returns once JAR exists (built now, or already there); a failed build exits with the build's status.
# One build at a time per checkout: two Maven builds in one tree delete each other's classes (a NoSuchFileException
# in one of them). The jar is looked at under the lock too, so nobody runs a jar that a build is still writing.

ensure_built() {
  local jar=$1 lock=$2 log=$3
  shift 3
  command -v flock >/dev/null || { echo "bin/ordering: needs flock(1) (apt-get install util-linux)" >&2; exit 1; }
  mkdir -p "$(dirname "$lock")" "$(dirname "$log")"
  # a subshell holds the lock on fd 9 and closes it on return, so the program started afterwards never holds it
  (
    if ! flock -n 9; then
      echo "bin/ordering: another bin/ordering is building the command in this checkout; waiting for it" \
        "(at most ${ORDERING_BUILD_WAIT_SECONDS:-900} s)" >&2
      flock -w "${ORDERING_BUILD_WAIT_SECONDS:-900}" 9 || {
        echo "bin/ordering: the other build still runs; gave up waiting" >&2
        exit 3
      }
    fi
    [[ -f $jar ]] || _build "$jar" "$log" "$@"
  ) 9>"$lock"
}

# Runs the build with its full output in LOG, showing one line per module and every [ERROR] line.
_build() {
  local jar=$1 log=$2 started=$SECONDS status
  shift 2
  echo "bin/ordering: building the command on first use (${jar#"$PWD"/}): Maven compiles the modules, downloading" \
    "what it lacks once; about 1 to 3 minutes. Full log: $log" >&2
  set +e
  "$@" 2>&1 | tee "$log" | _progress
  status=${PIPESTATUS[0]}
  set -e
  if ((status != 0)) || [[ ! -f $jar ]]; then
    echo "bin/ordering: the build failed (exit $status) after $((SECONDS - started)) s; the whole output is in $log" >&2
    exit $((status == 0 ? 1 : status))
  fi
  echo "bin/ordering: built in $((SECONDS - started)) s; later runs start at once" >&2
}

# Maven's output, shortened to what a person waiting wants to see: which module it is on, that it downloads,
# and every error.
_progress() {
  awk '
    /^\[INFO\] Building .* \[[0-9]+\/[0-9]+\]$/ {
      # "[INFO] Building <name, maybe with spaces> <version>   [n/m]"
      match($0, /\[[0-9]+\/[0-9]+\]$/)
      step = substr($0, RSTART, RLENGTH)
      name = $0
      sub(/^\[INFO\] Building /, "", name)
      sub(/ +[^ ]+ +\[[0-9]+\/[0-9]+\]$/, "", name)
      printf "bin/ordering:   %s %s\n", step, name; fflush(); next
    }
    /^\[INFO\] Download(ing|ed) from / || /^Download(ing|ed) from / {
      if (!downloading) { print "bin/ordering:   downloading dependencies (once)"; fflush(); downloading = 1 }
      next
    }
    /^\[ERROR\]/ { print; fflush() }
  ' >&2
}
