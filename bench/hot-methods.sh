#!/usr/bin/env bash
# bench/hot-methods.sh RECORDING.jfr [THREAD-PREFIX] [N]: the N (default 25) methods most often on top of the
# stack in a JFR recording's execution samples, and the threads sampled, optionally only threads whose name
# starts with THREAD-PREFIX (e.g. pipeline-, binlog-source).
set -euo pipefail
recording=$1 prefix=${2:-} top=${3:-25}
jfr print --events jdk.ExecutionSample "$recording" | awk -v prefix="$prefix" -v top="$top" '
  /sampledThread = "/ { match($0, /"[^"]*"/); thread = substr($0, RSTART + 1, RLENGTH - 2); next }
  /stackTrace = \[/ { want = 1; next }
  want == 1 && NF > 0 {
    want = 0
    if (prefix != "" && index(thread, prefix) != 1) next
    frame = $0; sub(/^[ \t]+/, "", frame); sub(/[ \t]+line:.*/, "", frame)
    frames[frame]++; threads[thread]++; total++
  }
  END {
    printf "%d samples\n", total
    for (t in threads) printf "  thread %-40s %6d\n", t, threads[t]
    n = 0
    PROCINFO["sorted_in"] = "@val_num_desc"
    for (f in frames) { if (n++ >= top) break; printf "%6d %5.1f%%  %s\n", frames[f], 100 * frames[f] / total, f }
  }'
