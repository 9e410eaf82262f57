#!/usr/bin/env bash
# The demo: starts private MariaDB, Redis and Elasticsearch servers, applies conf/demo-schema.sql, starts the
# daemon on conf/demo.conf, makes inserts, updates and deletes, and prints what Elasticsearch and Redis hold
# before and after. Stops everything it started when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
mvn -B -ntp -q package -DskipTests
exec mvn -B -ntp -q exec:java -Dexec.mainClass=io.binlogsync.demo.Demo
