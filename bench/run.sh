#!/usr/bin/env bash
# A first catch-up benchmark: bench/run.sh [INSERTS] (default 50000; updates are half that, deletes a quarter).
# Starts private servers, writes the workload, times binlog-sync's catch-up, prints a table. Not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
mvn -B -ntp -q test-compile
exec mvn -B -ntp -q exec:java -Dexec.mainClass=io.binlogsync.bench.CatchUpBenchmark -Dexec.args="${1:-50000}"
