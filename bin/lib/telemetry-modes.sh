# Sourced by bin/bench-telemetry and bin/bench-placeorder-telemetry: one observability mode of a run, as
# MODE[@VAR=VALUE...][@jar=PATH]. telemetry_mode SPEC SINK_PORT DEFAULT_JAR sets `mode`, `run_jar` and `env_args` (the
# server's environment for that mode), or prints why not and returns 2.
#   off      nothing observed
#   metrics  ORDERING_METRICS_PORT=0: the Prometheus endpoint and every meter
#   on       metrics and traces: ORDERING_OTLP_ENDPOINT to the loopback OTLP sink on SINK_PORT (bin/lib/otlp-sink.py);
#            next to the scrape endpoint it carries traces only (ADR 0033); on@OTEL_METRICS_EXPORTER=otlp pushes the
#            meters there too
telemetry_mode() {
  local spec=$1 sink_port=$2 parts extra
  IFS=@ read -r -a parts <<< "$spec"
  mode=${parts[0]} run_jar=$3 env_args=()
  case $mode in
    off) ;;
    metrics) env_args+=(ORDERING_METRICS_PORT=0) ;;
    on) env_args+=(ORDERING_METRICS_PORT=0 "ORDERING_OTLP_ENDPOINT=http://127.0.0.1:$sink_port") ;;
    *) echo "mode '$mode' is none of off, metrics, on" >&2; return 2 ;;
  esac
  for extra in "${parts[@]:1}"; do
    if [[ $extra == jar=* ]]; then
      [[ -f ${extra#jar=} ]] || { echo "no jar at '${extra#jar=}' (mode '$spec')" >&2; return 2; }
      run_jar=$(realpath "${extra#jar=}")
    elif [[ $extra == *=* ]]; then
      env_args+=("$extra")
    else
      echo "'$extra' in mode '$spec' is neither jar=PATH nor VAR=VALUE" >&2; return 2
    fi
  done
}

# Checks every mode of a comma-separated --modes list before the first run starts (a typo in the last mode must not
# cost the runs before it); returns 2 at the first bad one.
check_modes() {
  local specs spec
  IFS=, read -r -a specs <<< "$1"
  ((${#specs[@]})) || { echo "no modes in '$1'" >&2; return 2; }
  for spec in "${specs[@]}"; do
    telemetry_mode "$spec" 1 "" || return 2
  done
}

# Starts the do-nothing OTLP receiver on $1 and sets sink_pid; returns 2 when it does not answer.
start_otlp_sink() {
  python3 bin/lib/otlp-sink.py "$1" & sink_pid=$!
  for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$1/" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "the OTLP sink did not start on $1" >&2; return 2
}
