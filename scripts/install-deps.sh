#!/usr/bin/env bash
# Installs what the demo and the tests need on a Debian machine: MariaDB and Redis servers (run privately by the
# tests, never as system services), unzip (to unpack Elasticsearch), a JDK 17 and Maven if missing.
# Elasticsearch itself comes from Maven Central as a test dependency of pom.xml.
set -euo pipefail

need=()
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
command -v setpriv >/dev/null 2>&1 || need+=(util-linux)
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing: ${need[*]}; run this script as root (or: sudo apt-get install -y ${need[*]})" >&2
    exit 1
  fi
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # the packages' own services are not wanted: tests and demo start private instances on free ports
  policy=/usr/sbin/policy-rc.d
  created_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && created_policy=1
  fi
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${need[@]}"
  [ "$created_policy" -eq 1 ] && rm -f "$policy"
fi
PATH="$PATH:/usr/sbin"
echo "ready: $(mariadbd --version 2>/dev/null | head -1); $(redis-server --version | head -1); $(java -version 2>&1 | head -1)"
