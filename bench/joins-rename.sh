#!/usr/bin/env bash
# A category rename that touches many product documents (docs/joins.md, "Throughput"):
#   bench/joins-rename.sh [DOCUMENTS [RENAMES]]
# DOCUMENTS defaults to 100000, RENAMES to 4. Runs JoinsRenameIT's timing test against private MariaDB and
# Elasticsearch (as the integration tests do), renaming the category RENAMES times one after another (the first meets
# servers and a daemon just started, as the suite's single rename does; the later ones warm ones), and prints a line each:
#   JOINS RENAME 1/4: 100000 product documents renamed in ... ms ...; items lag meanwhile: median ... ms, max ... ms
# The time runs from the UPDATE's commit until a search finds every product with the new name (refresh included);
# the lag is that of another table's inserts, each until a real-time GET finds its document, during the rename.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
export MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true"
mvn -B -ntp -Dstyle.color=never verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test='JoinsRenameIT#aRenameOfManyDocumentsIsTimedWithTheLagOfAnotherTable' \
    -Djoins.rename.documents="${1:-100000}" -Djoins.rename.runs="${2:-4}" | grep -E 'JOINS RENAME|Tests run:|FAIL|ERROR]' || true
