#!/usr/bin/env bash
# A real Asterisk 22 for tests and demos, on loopback, without touching the host's packages.
#
# Debian 12 has no asterisk package and installing sid packages on the host would break it, so Asterisk lives in
# a debootstrap chroot of Debian sid (see docs in dialplans/README.md). The chroot shares the host's network
# namespace, so everything binds to 127.0.0.1 and the ports come from the environment.
#
#   tools/asterisk/sandbox.sh install        debootstrap sid + asterisk into the root (skipped when already there)
#   tools/asterisk/sandbox.sh start          copy dialplans/ + the test overlay in, start, wait until fully booted
#   tools/asterisk/sandbox.sh stop           stop Asterisk and unmount /proc and /dev from the root
#   tools/asterisk/sandbox.sh status         running or not, and on which ports
#   tools/asterisk/sandbox.sh cli CMD...     run one CLI command, e.g. cli core show version
#
# Environment (defaults in brackets):
#   CTICORE_ASTERISK_ROOT     chroot folder                     [<repo>/.sandbox/asterisk-root, git-ignored]
#   CTICORE_ASTERISK_OVERLAY  extra *.conf copied over dialplans [<repo>/dialplans/test-overlay]
#   CTICORE_AMI_PORT          AMI TCP port on 127.0.0.1          [5038]
#   CTICORE_SIP_PORT          PJSIP UDP port on 127.0.0.1        [5070]
#   CTICORE_DEBIAN_MIRROR     Debian mirror                      [first URIs: of /etc/apt/sources.list.d/debian.sources]
#   CTICORE_ASTERISK_BOOT_TIMEOUT  seconds to wait for FullyBooted [120]
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
root="${CTICORE_ASTERISK_ROOT:-$repo/.sandbox/asterisk-root}"
overlay="${CTICORE_ASTERISK_OVERLAY:-$repo/dialplans/test-overlay}"
ami_port="${CTICORE_AMI_PORT:-5038}"
sip_port="${CTICORE_SIP_PORT:-5070}"
boot_timeout="${CTICORE_ASTERISK_BOOT_TIMEOUT:-120}"
bind_address=127.0.0.1
# Debian's own packaging paths; asterisk.conf in dialplans/ names the same ones.
asterisk_bin=/usr/sbin/asterisk
pid_file="$root/run/asterisk/sandbox.pid"
# The ports of the running instance, for callers that find it already started (test fixtures source this file).
env_file="$root/run/asterisk/sandbox.env"
log_file="$root/var/log/asterisk/sandbox-console.log"

die() { echo "sandbox: $*" >&2; exit 1; }
need_root() { [ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap, chroot and mounts need it)"; }

mirror() {
  if [ -n "${CTICORE_DEBIAN_MIRROR:-}" ]; then echo "$CTICORE_DEBIAN_MIRROR"; return; fi
  local uri=""
  if [ -r /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' /etc/apt/sources.list.d/debian.sources | grep -v security | head -n 1 || true)
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

installed() { [ -x "$root$asterisk_bin" ] && [ -f "$root/usr/share/asterisk/documentation/core-en_US.xml" ]; }

cmd_install() {
  if installed; then
    echo "sandbox: Asterisk already installed in $root ($(chroot_version))"
    return 0
  fi
  need_root
  command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install debootstrap (tools/install-deps.sh does it)"
  local staging="$root.partial" m
  m=$(mirror)
  echo "sandbox: installing Debian sid + Asterisk into $root from $m (about 90 s, 500 MB)"
  rm -rf "$staging"
  mkdir -p "$(dirname "$root")"
  # Installed into a staging folder and renamed at the end, so an interrupted install is never taken for a good one.
  debootstrap --variant=minbase --include=asterisk,asterisk-modules,asterisk-core-sounds-en \
    sid "$staging" "$m" >"$(dirname "$root")/debootstrap.log" 2>&1 \
    || { tail -n 20 "$(dirname "$root")/debootstrap.log" >&2; die "debootstrap failed (log: $(dirname "$root")/debootstrap.log)"; }
  # This machine's clock can run ahead of the mirror: "Release file is expired" would stop any later apt-get.
  echo 'Acquire::Check-Valid-Until "false";' >"$staging/etc/apt/apt.conf.d/99cticore-no-valid-until"
  # Debian's sample configuration, kept for reference: start replaces /etc/asterisk/*.conf with dialplans/.
  cp -a "$staging/etc/asterisk" "$staging/etc/asterisk.debian-sample"
  rm -rf "$root"
  mv "$staging" "$root"
  echo "sandbox: installed $(chroot_version)"
}

chroot_version() { chroot "$root" dpkg-query -W -f='asterisk ${Version}' asterisk 2>/dev/null || echo "asterisk ?"; }

running_pid() {
  [ -f "$pid_file" ] || return 1
  local pid; pid=$(cat "$pid_file")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$(readlink -f "$root")" ] || return 1
  echo "$pid"
}

port_taken() { # $1 = tcp|udp, $2 = port
  local flag=-ltn; [ "$1" = udp ] && flag=-lun
  ss -H "$flag" "sport = :$2" 2>/dev/null | grep -q .
}

copy_config() {
  local etc="$root/etc/asterisk"
  mkdir -p "$etc"
  # Debian's sample configuration would load ~350 modules and open sockets on 0.0.0.0: replace it entirely.
  find "$etc" -maxdepth 1 -name '*.conf' -delete
  cp "$repo"/dialplans/*.conf "$etc"/
  if [ -d "$overlay" ]; then
    for f in "$overlay"/*.conf; do [ -e "$f" ] && cp "$f" "$etc"/; done
  fi
  # Ports come from the environment: rewrite the two places that carry them.
  sed -i -E "s/^(port[[:space:]]*=[[:space:]]*).*/\1$ami_port/; s/^(bindaddr[[:space:]]*=[[:space:]]*).*/\1$bind_address/" "$etc/manager.conf"
  sed -i -E "s/^(bind[[:space:]]*=[[:space:]]*)127\.0\.0\.1:[0-9]+/\1$bind_address:$sip_port/" "$etc/pjsip.conf"
}

mount_all() {
  mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
  mountpoint -q "$root/dev" || mount --bind /dev "$root/dev"
}

umount_all() {
  mountpoint -q "$root/dev" && umount "$root/dev" || true
  mountpoint -q "$root/proc" && umount "$root/proc" || true
}

lock() {
  # Two test processes may start or stop the same root at once: serialize them.
  mkdir -p "$(dirname "$root")"
  exec 9>"$root.lock"
  flock 9
}

cmd_start() {
  need_root
  installed || die "not installed: run '$0 install' first"
  lock
  if pid=$(running_pid); then
    echo "sandbox: already running (pid $pid), $(cat "$env_file" 2>/dev/null | tr '\n' ' ')"; return 0
  fi
  port_taken tcp "$ami_port" && die "AMI port 127.0.0.1:$ami_port is taken; set CTICORE_AMI_PORT"
  port_taken udp "$sip_port" && die "PJSIP port 127.0.0.1:$sip_port is taken; set CTICORE_SIP_PORT"
  copy_config
  mount_all
  mkdir -p "$root/run/asterisk" "$root/var/log/asterisk" "$root/var/spool/asterisk/monitor"
  rm -f "$root/run/asterisk/asterisk.ctl"
  # Plain root, no runuser/-U root: with them Asterisk drops capabilities and cannot create astdb (RECIPE.md).
  setsid chroot "$root" "$asterisk_bin" -f -n -q >"$log_file" 2>&1 </dev/null 9>&- &
  echo $! >"$pid_file"
  printf 'CTICORE_AMI_PORT=%s\nCTICORE_SIP_PORT=%s\n' "$ami_port" "$sip_port" >"$env_file"
  local deadline=$((SECONDS + boot_timeout))
  until chroot "$root" "$asterisk_bin" -rx "core waitfullybooted" >/dev/null 2>&1; do
    # kill -0, not running_pid: right after the fork /proc/PID/root is still "/" until chroot runs, and a loaded
    # machine can show that long enough to take a starting Asterisk for a dead one.
    if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then tail -n 30 "$log_file" >&2; die "Asterisk exited during start (log: $log_file)"; fi
    [ "$SECONDS" -lt "$deadline" ] || { stop_locked; die "Asterisk did not boot within ${boot_timeout}s"; }
    sleep 0.3
  done
  until port_taken tcp "$ami_port"; do
    [ "$SECONDS" -lt "$deadline" ] || { stop_locked; die "AMI never listened on $ami_port"; }
    sleep 0.2
  done
  echo "sandbox: running (pid $(cat "$pid_file")), AMI 127.0.0.1:$ami_port, PJSIP udp 127.0.0.1:$sip_port"
}

cmd_stop() {
  need_root
  lock
  stop_locked
}

stop_locked() {
  if pid=$(running_pid); then
    chroot "$root" "$asterisk_bin" -rx "core stop now" >/dev/null 2>&1 || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    echo "sandbox: stopped"
  else
    echo "sandbox: not running"
  fi
  rm -f "$pid_file" "$env_file"
  umount_all
}

cmd_status() {
  if ! installed; then echo "sandbox: not installed ($root)"; return 3; fi
  if pid=$(running_pid); then
    echo "sandbox: running (pid $pid), $(chroot_version), root $root"
    chroot "$root" "$asterisk_bin" -rx "manager show settings" 2>/dev/null | grep -Ei 'port|bind' || true
  else
    echo "sandbox: installed, stopped, $(chroot_version), root $root"; return 1
  fi
}

cmd_cli() {
  need_root
  running_pid >/dev/null || die "not running"
  chroot "$root" "$asterisk_bin" -rx "$*"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  cli) shift; cmd_cli "$@" ;;
  *) echo "usage: $0 install|start|stop|status|cli CMD..." >&2; exit 2 ;;
esac
