#!/usr/bin/env python3
"""How much of a JFR recording of `ordering serve` is telemetry: bin/lib/jfr-telemetry.py JFR_TOOL RECORDING.

For CPU samples (jdk.ExecutionSample) and allocation samples (jdk.ObjectAllocationSample, by weight), a sample counts
as telemetry when, walking from the leaf and skipping JDK frames, the first other frame is telemetry code (OpenTelemetry,
Micrometer, the Prometheus client, our cli.telemetry package, Logback's MDC, HdrHistogram). Prints the share and the top
telemetry frames, by the outermost (entry) and the innermost (leaf) telemetry frame of each sample. JFR_TOOL is the
JDK's `jfr` (e.g. $JAVA_HOME/bin/jfr); the recordings come from `bin/bench-telemetry --jfr DIR`.
"""
import json, sys, collections, subprocess
jfr, path = sys.argv[1], sys.argv[2]
T = ("io.opentelemetry.", "io.micrometer.", "io.prometheus.", "org.bookworm.ordering.cli.telemetry.", "org.slf4j.MDC", "ch.qos.logback.classic.util.LogbackMDCAdapter", "org.HdrHistogram")
N = ("java.", "jdk.", "sun.", "com.sun.")
def cls(name):
    if name.startswith(T): return "T"
    if name.startswith(N): return "N"
    return "B"
for event, weightkey in (("jdk.ExecutionSample", None), ("jdk.ObjectAllocationSample", "weight")):
    out = subprocess.run([jfr, "print", "--json", "--stack-depth", "64", "--events", event, path], capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    total = 0; tel = 0
    leaf = collections.Counter(); entry = collections.Counter()
    for e in events:
        w = e["values"].get(weightkey, 1) if weightkey else 1
        frames = (e["values"].get("stackTrace") or {}).get("frames") or []
        names = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in frames]
        total += w
        cat = None; first_t = None; outer_t = None
        for n in names:
            c = cls(n)
            if c == "N": continue
            if c == "T":
                if first_t is None: first_t = n
                outer_t = n
                cat = cat or "T"
                continue
            break
        if cat == "T":
            tel += w; leaf[first_t] += w; entry[outer_t] += w
    unit = "samples" if not weightkey else "bytes"
    print(f"== {event}: {total} {unit}, telemetry-attributed {tel} ({100*tel/max(total,1):.1f} %)")
    print("-- by outermost telemetry frame (entry):")
    for n, w in entry.most_common(18): print(f"  {100*w/max(total,1):5.1f} %  {n}")
    print("-- by innermost telemetry frame (leaf):")
    for n, w in leaf.most_common(18): print(f"  {100*w/max(total,1):5.1f} %  {n}")
