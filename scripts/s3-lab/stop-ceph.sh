#!/bin/bash
# Stops only the daemons start-ceph.sh started for this CEPH_DIR, then removes its state (KEEP_STATE=1 keeps it).
# Copied from /work/shared/lab/s3-ceph/stop-ceph.sh; changes: a pid is signalled only while the process still has
# this lab's CEPH_CONF in its environment (a pid file of a lab whose test died may name a recycled pid), and the
# wait is bounded, then SIGKILL.
D=${CEPH_DIR:-/tmp/rackpilot-ceph}
ours() { { tr '\0' '\n' < "/proc/$1/environ"; } 2>/dev/null | grep -qxF "CEPH_CONF=$D/ceph.conf"; }
for p in rgw osd mgr mon; do
  [ -f "$D/$p.pid" ] || continue
  pid=$(cat "$D/$p.pid")
  ours "$pid" && kill "$pid" 2>/dev/null
done
for p in rgw osd mgr mon; do
  [ -f "$D/$p.pid" ] || continue
  pid=$(cat "$D/$p.pid")
  for _ in $(seq 1 50); do ours "$pid" || break; sleep 0.2; done
  ours "$pid" && kill -9 "$pid" 2>/dev/null
  rm -f "$D/$p.pid"
done
[ "${KEEP_STATE:-0}" = 1 ] || rm -rf "$D"
echo stopped
