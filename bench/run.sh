#!/usr/bin/env bash
# A first catch-up benchmark: bench/run.sh [INSERTS [BULK:IN_FLIGHT ...]] (default 50000 1000:2; updates are
# half the inserts, deletes a quarter). Each BULK:IN_FLIGHT setting times a catch-up over the same binlog.
# Starts private servers, writes the workload, times binlog-sync's catch-up, prints a table. Not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
mvn -B -ntp -q test-compile
exec mvn -B -ntp -q exec:java -Dexec.mainClass=io.binlogsync.bench.CatchUpBenchmark -Dexec.args="${*:-50000}"
