#!/usr/bin/env bash
# Measurements for the README's Spark section: each spec of spark/bench with the local runner
# (2 worker threads) and on Spark local[2] with both work splits, in alternating order, each from
# an empty output folder and model cache. One line per run: spec, mode, wall seconds of the command,
# the study's elapsed time (its progress line), CPU seconds (user + system) of the command, and the
# 1-minute load average before the run. Spark runs keep their event log in OUT/events/ for
# critical_path.py.   spark/bench/measure.sh [REPEATS]   (default 2; OUT=/tmp/seedscope-spark-bench)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${OUT:-/tmp/seedscope-spark-bench}"
REPEATS="${1:-2}"
mkdir -p "$OUT"
for r in $(seq "$REPEATS"); do
  for spec in both-protocols one-training-seed; do
    for mode in local spark-models-first spark-groups; do
      dir="$OUT/$spec-$mode-$r"
      rm -rf "$dir"
      args=(run "$ROOT/spark/bench/$spec.yaml" --out "$dir")
      opts="-Xmx6g"
      case "$mode" in
        local) args+=(--workers 2) ;;
        spark-*)
          args+=(--spark 'local[2]')
          mkdir -p "$OUT/events/$spec-$mode-$r"
          opts="$opts -Dspark.seedscope.split=${mode#spark-} -Dspark.eventLog.enabled=true -Dspark.eventLog.compress=false"
          opts="$opts -Dspark.eventLog.rolling.enabled=false -Dspark.eventLog.dir=file://$OUT/events/$spec-$mode-$r" ;;
      esac
      load=$(cut -d' ' -f1 /proc/loadavg)
      start=$(date +%s.%N)
      SEEDSCOPE_JAVA_OPTS="$opts" /usr/bin/time -f '%U %S' -o "$dir.cpu" "$ROOT/seedscope" "${args[@]}" > "$dir.log" 2>&1
      end=$(date +%s.%N)
      elapsed=$(grep -o 'elapsed [0-9]*m[0-9]*s' "$dir.log" | tail -1 | cut -d' ' -f2)
      cpu=$(awk '{print $1 + $2}' "$dir.cpu")
      printf '%s\t%s\twall %.1f s\tstudy %s\tcpu %.1f s\tload %s\n' "$spec" "$mode" "$(echo "$end - $start" | bc)" \
        "$elapsed" "$cpu" "$load"
    done
  done
done
