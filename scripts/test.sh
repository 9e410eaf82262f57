#!/usr/bin/env bash
# Runs the whole test suite: unit tests (surefire, *Test) and integration tests against private MariaDB, Redis
# and Elasticsearch servers (failsafe, *IT). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# no colour codes in the log (Maven 3.8's jansi writes a reset code even with colours off)
export MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true"
start=$(date +%s)
mvn -B -ntp -Dstyle.color=never verify "$@"
echo "test suite took $(( $(date +%s) - start )) s"
