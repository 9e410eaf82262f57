#!/usr/bin/env bash
# The benchmark (docs/benchmark.md): bench/run.sh [INSERTS] [--runs=N] [--modes=write,bare,reading,raw,ceiling,catchup,scaling,live]
#                                   [--bulk=500,1000,2000,5000] [--in-flight=1,2,4] [--live=BULKxIN_FLIGHT]
#                                   [--live-rate=ROWS_PER_SECOND]
# INSERTS defaults to 20000 (a quick run); the full size is 200000 (then 100000 updates and 50000 deletes).
# Starts private MariaDB, Redis and Elasticsearch, then measures everything in one JVM with -Xmx256m and prints one
# table (median/min/max over --runs runs after a warm-up), the live lag histogram and a scaling table.
# Smoke run: bench/run.sh 1000 --runs=1 --bulk=1000 --in-flight=2
# Profile: BENCH_JVM_OPTS="-XX:StartFlightRecording=filename=target/bench.jfr,settings=profile" bench/run.sh ...
#          then bench/hot-methods.sh target/bench.jfr. Not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
export MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true"  # no colour codes (Maven 3.8)
mvn -B -ntp -q -Dstyle.color=never test-compile
# exec:exec forks a JVM of its own, so -Xmx256m and the peak RSS are the benchmark's, not Maven's
exec mvn -B -ntp -q -Dstyle.color=never exec:exec -Dexec.executable=java \
    -Dexec.args="-Xmx256m ${BENCH_JVM_OPTS:-} -Dbinlogsync.elasticsearch.zip=\${elasticsearch.zip} \
-Dbinlogsync.elasticsearch.version=\${elasticsearch.version} -classpath %classpath io.binlogsync.bench.Benchmark $*"
