#!/usr/bin/env bash
# The demo: starts private MariaDB, Redis and Elasticsearch servers, applies conf/demo-schema.sql, starts the
# daemon on conf/demo.conf, makes inserts, updates and deletes, and prints what Elasticsearch and Redis hold
# before and after. Stops everything it started when it ends, also on Ctrl-C or SIGTERM (the Demo class's
# shutdown hook; exec keeps Maven's JVM on this script's pid, so a signal sent to it reaches the demo).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# No colour codes in the output: -B and style.color turn Maven's colours off; Maven 3.8's jansi still writes a
# reset code (ESC[0m) when it exits unless told not to.
export MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true"
mvn -B -ntp -q -Dstyle.color=never package -DskipTests
exec mvn -B -ntp -q -Dstyle.color=never exec:java -Dexec.mainClass=io.binlogsync.demo.Demo
