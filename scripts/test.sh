#!/usr/bin/env bash
# Runs the whole test suite: unit tests (surefire, *Test) and integration tests against private MariaDB, Redis
# and Elasticsearch servers (failsafe, *IT). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
start=$(date +%s)
mvn -B -ntp verify "$@"
echo "test suite took $(( $(date +%s) - start )) s"
