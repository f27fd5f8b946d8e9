#!/bin/bash
# Stops or starts only the radosgw of a lab start-ceph.sh made (same CEPH_DIR and RGW_PORT): the S3 endpoint goes
# away and comes back while the mon and OSD keep the data, as when a store restarts.
# Usage: rgw.sh stop | start
set -euo pipefail
D=${CEPH_DIR:-/tmp/rackpilot-ceph}
RGW_PORT=${RGW_PORT:-7480}
export CEPH_CONF="$D/ceph.conf"
ours() { { tr '\0' '\n' < "/proc/$1/environ"; } 2>/dev/null | grep -qxF "CEPH_CONF=$CEPH_CONF"; }
case "${1:-}" in
  stop)
    [ -f "$D/rgw.pid" ] || exit 0
    pid=$(cat "$D/rgw.pid")
    ours "$pid" && kill "$pid" 2>/dev/null
    for _ in $(seq 1 50); do ours "$pid" || break; sleep 0.2; done
    ours "$pid" && kill -9 "$pid" 2>/dev/null
    rm -f "$D/rgw.pid" ;;
  start)
    # Already running: nothing to do (a second one could not bind the port, and its pid would replace ours).
    [ -f "$D/rgw.pid" ] && ours "$(cat "$D/rgw.pid")" && exit 0
    radosgw -n client.rgw.a -f >>"$D/log/rgw.out" 2>&1 & echo $! > "$D/rgw.pid"
    for _ in $(seq 1 240); do
      curl -s -o /dev/null "http://127.0.0.1:$RGW_PORT/" && exit 0
      kill -0 "$(cat "$D/rgw.pid")" 2>/dev/null || { echo "rgw.sh: radosgw died:" >&2; tail -n 5 "$D/log/rgw.out" >&2; exit 1; }
      sleep 0.5
    done
    echo "rgw.sh: radosgw did not answer on $RGW_PORT" >&2; exit 1 ;;
  *) echo "usage: rgw.sh stop|start" >&2; exit 2 ;;
esac
