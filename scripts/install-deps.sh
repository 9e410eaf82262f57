#!/usr/bin/env bash
# Installs what the demo and the tests need on a Debian machine: MariaDB and Redis servers (run privately by the
# tests, never as system services), unzip (to unpack Elasticsearch), systemd-analyze (Debian's systemd package, to
# check the units), a JDK 17 or newer and Maven if missing.
# Elasticsearch itself comes from Maven Central as a test dependency of pom.xml.
set -euo pipefail

MIN_JAVA=17

# Feature release of the javac on PATH ("javac 17.0.15" -> 17, "javac 1.8.0_292" -> 8), 0 when there is none.
javac_release() {
  local version
  version=$(javac -version 2>&1 | awk '/^javac / {print $2; exit}') || true
  version=${version#1.}
  version=${version%%[!0-9]*}
  echo "${version:-0}"
}

# The JDK package to install: the release's default JDK when it is new enough, else the oldest installable
# openjdk-N-jdk-headless with N >= MIN_JAVA (the closest to what the project is built for).
jdk_package() {
  local default n
  default=$(apt-cache depends default-jdk-headless 2>/dev/null \
    | sed -nE 's/^ *Depends: openjdk-([0-9]+)-jdk-headless$/\1/p' | head -1)
  if [ -n "$default" ] && [ "$default" -ge "$MIN_JAVA" ]; then
    echo default-jdk-headless
    return
  fi
  for n in $(apt-cache pkgnames openjdk- 2>/dev/null | sed -nE 's/^openjdk-([0-9]+)-jdk-headless$/\1/p' | sort -n); do
    if [ "$n" -ge "$MIN_JAVA" ] && apt-cache policy "openjdk-$n-jdk-headless" | grep -Eq 'Candidate: [0-9]'; then
      echo "openjdk-$n-jdk-headless"
      return
    fi
  done
  echo "no JDK $MIN_JAVA or newer in this machine's apt sources (apt-cache finds no openjdk-N-jdk-headless, N >= $MIN_JAVA);" \
    "install one by hand and put its bin/ on PATH" >&2
  return 1
}

need=()
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
command -v setpriv >/dev/null 2>&1 || need+=(util-linux)
command -v mvn >/dev/null 2>&1 || need+=(maven)
# systemd-analyze checks the units in systemd/ (ReleaseArchiveIT); only the tool is used, no systemd is started
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd)
need_jdk=0
jdk=""
if [ "$(javac_release)" -lt "$MIN_JAVA" ]; then
  need_jdk=1
fi

if [ ${#need[@]} -gt 0 ] || [ "$need_jdk" -eq 1 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    missing="${need[*]}"
    if [ "$need_jdk" -eq 1 ]; then
      missing="${missing:+$missing, }a JDK $MIN_JAVA or newer (javac on PATH: release $(javac_release), 0 = none)"
    fi
    echo "missing: $missing; run this script as root (sudo $0)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  # The packages' own services are not wanted: tests and demo start private instances on free ports. A
  # policy-rc.d that was there before stays; the one made here goes, also when an install fails or is interrupted.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    trap 'rm -f "$policy"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod +x "$policy"
  fi
  apt-get update -q
  if [ "$need_jdk" -eq 1 ]; then
    jdk=$(jdk_package)
    need+=("$jdk")
  fi
  echo "installing: ${need[*]}"
  apt-get install -y -q --no-install-recommends "${need[@]}"
  if [ "$(javac_release)" -lt "$MIN_JAVA" ]; then
    echo "javac on PATH is still release $(javac_release) after installing $jdk; make the new JDK the default:" \
      "update-alternatives --config javac (and java)" >&2
    exit 1
  fi
fi
PATH="$PATH:/usr/sbin"
if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "systemd-analyze is still missing after installing Debian's systemd package; the unit tests of systemd/ need it" >&2
  exit 1
fi
echo "ready: $(mariadbd --version 2>/dev/null | head -1); $(redis-server --version | head -1); $(java -version 2>&1 | head -1)"
