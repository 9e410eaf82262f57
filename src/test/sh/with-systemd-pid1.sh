#!/usr/bin/env bash
# Runs a command where PID 1 is systemd, on a machine (a VM, a CI runner) whose own PID 1 is something else, so
# that ReleaseArchiveIT's real-unit test runs instead of skipping:
#
#   src/test/sh/with-systemd-pid1.sh mvn -B -ntp verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
#       -Dit.test=ReleaseArchiveIT
#
# It starts the machine's systemd as PID 1 of new PID, mount and UTS namespaces (root and unshare needed; the
# network is shared, so the test servers are reachable), with a private /run and cgroup2 mount, and with every unit
# the host's targets would start masked: nothing of the host's boot runs (no tmpfiles clean-up of /tmp, no
# sysctl, no databases), only the units the command starts, with their full sandbox. Killing that PID 1 at the end
# ends everything inside. No journald runs inside: units' output goes nowhere unless they say where.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
  echo "with-systemd-pid1.sh: needs root (it starts systemd in new namespaces)" >&2
  exit 1
fi
if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi
systemd=/lib/systemd/systemd
[ -x "$systemd" ] || systemd=/usr/lib/systemd/systemd
work=$(mktemp -d /tmp/with-systemd-pid1.XXXXXX)
cat > "$work/inner.sh" <<EOF
#!/bin/bash
set -e
mount -t tmpfs -o mode=755 tmpfs /run
umount -R /sys/fs/cgroup 2>/dev/null || true
mount -t cgroup2 none /sys/fs/cgroup
mkdir -p /run/systemd/system
# credentials are moved into /run/credentials from a child mount namespace: shared propagation (in here only)
mount --make-rshared /
for unit in \$(ls /lib/systemd/system/*.wants/ /etc/systemd/system/*.wants/ 2>/dev/null | grep -v ':\$' \\
    | grep -v '\\.target\$' | sort -u) systemd-remount-fs.service systemd-fsck-root.service tmp.mount \\
    systemd-journald.service systemd-udevd.service systemd-udev-trigger.service \\
    systemd-networkd-wait-online.service ifupdown-wait-online.service networking.service; do
  ln -sf /dev/null /run/systemd/system/\$unit
done
printf '[Unit]\nDescription=only what is started by hand\nDefaultDependencies=no\n' > /run/systemd/system/idle.target
exec $systemd --system --unit=idle.target --log-target=console --show-status=no
EOF
chmod +x "$work/inner.sh"
unshare --pid --fork --mount --uts --mount-proc --propagation private "$work/inner.sh" > "$work/systemd.log" 2>&1 &
unshare_pid=$!
pid1=""
cleanup() {
  if [ -n "$pid1" ]; then kill -9 "$pid1" 2>/dev/null || true; fi
  wait "$unshare_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
  pid1=$(pgrep -P "$unshare_pid" || true)
  if [ -n "$pid1" ] && [ "$(cat "/proc/$pid1/comm" 2>/dev/null)" = systemd ] \
      && nsenter -t "$pid1" -m -p -u systemctl is-system-running 2>/dev/null | grep -Eq '^(running|degraded)$'; then
    break
  fi
  sleep 0.1
done
if ! nsenter -t "$pid1" -m -p -u systemctl is-system-running 2>/dev/null | grep -Eq '^(running|degraded)$'; then
  echo "with-systemd-pid1.sh: systemd did not come up in the namespace; its output:" >&2
  cat "$work/systemd.log" >&2
  exit 1
fi
set +e
nsenter -t "$pid1" -m -p -u --wd="$PWD" "$@"
status=$?
exit $status
