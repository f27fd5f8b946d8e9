#!/bin/bash
# A throwaway single-node Ceph for the S3 lab: 1 mon, 1 memstore OSD, 1 radosgw on 127.0.0.1, no systemd, no cephx,
# optional mgr (CEPH_WITH_MGR=1; the lab does not need it and it costs ~300 MB). Real S3 object versioning, which
# s3rver lacks. Copied from the verified recipe /work/shared/lab/s3-ceph/start-ceph.sh (lab README "S3 lab
# recipe"); changes: the mon port is a parameter too (two labs at once must not share 3300), mgr off by default,
# the packages are checked first, the user's keys are parameters, and every wait is bounded.
# Env: CEPH_DIR (state, wiped), RGW_PORT (default 7480), MON_PORT (default 3300), S3_ACCESS/S3_SECRET.
set -euo pipefail
D=${CEPH_DIR:-/tmp/rackpilot-ceph}
RGW_PORT=${RGW_PORT:-7480}
MON_PORT=${MON_PORT:-3300}
ACCESS=${S3_ACCESS:-TESTACCESS}
SECRET=${S3_SECRET:-TESTSECRET}
for p in ceph-mon ceph-osd radosgw radosgw-admin ceph ceph-authtool monmaptool curl; do
  command -v "$p" >/dev/null || { echo "start-ceph: $p is missing: run scripts/s3-lab/install-ceph.sh (root)" >&2; exit 1; }
done
rm -rf "$D"; mkdir -p "$D"/{mon/ceph-a,mgr/ceph-x,osd/ceph-0,run,log}
FSID=$(cat /proc/sys/kernel/random/uuid)
cat > "$D/ceph.conf" <<CONF
[global]
fsid = $FSID
mon host = v2:127.0.0.1:$MON_PORT
public network = 127.0.0.0/8
auth cluster required = none
auth service required = none
auth client required = none
auth allow insecure global id reclaim = false
run dir = $D/run
admin socket = $D/run/\$cluster-\$name.asok
log file = $D/log/\$cluster-\$name.log
pid file = $D/run/\$cluster-\$name.pid
keyring = $D/keyring
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon warn on pool no redundancy = false
mon allow pool delete = true
ms bind ipv6 = false
# radosgw defaults ms_mon_client_mode to "secure", which auth=none cannot satisfy: it would loop on auth errors
ms mon client mode = crc secure
[mon]
mon data = $D/mon/\$cluster-\$id
mon cluster log file = $D/log/cluster.log
[mgr]
mgr data = $D/mgr/\$cluster-\$id
[osd]
osd data = $D/osd/\$cluster-\$id
osd objectstore = memstore
memstore device bytes = 2147483648
osd memory target = 1073741824
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw dns name = localhost
rgw data = $D/rgw
CONF
export CEPH_CONF="$D/ceph.conf"
ceph-authtool --create-keyring "$D/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
monmaptool --create --addv a "[v2:127.0.0.1:$MON_PORT]" --fsid "$FSID" "$D/monmap" >/dev/null
ceph-mon --mkfs -i a --monmap "$D/monmap" --keyring "$D/keyring"
ceph-mon -i a -f >"$D/log/mon.out" 2>&1 & echo $! > "$D/mon.pid"
up=0; for _ in $(seq 1 60); do ceph -s --connect-timeout 2 >/dev/null 2>&1 && { up=1; break; }; sleep 0.5; done
[ $up = 1 ] || { echo "start-ceph: the mon did not answer; $D/log/mon.out" >&2; exit 1; }
if [ "${CEPH_WITH_MGR:-0}" = 1 ]; then ceph-mgr -i x -f >"$D/log/mgr.out" 2>&1 & echo $! > "$D/mgr.pid"; fi
OSD_UUID=$(cat /proc/sys/kernel/random/uuid)
OSD_ID=$(ceph osd new "$OSD_UUID")
ceph-osd -i "$OSD_ID" --mkfs --osd-uuid "$OSD_UUID" >"$D/log/osd-mkfs.out" 2>&1
ceph-osd -i "$OSD_ID" -f >"$D/log/osd.out" 2>&1 & echo $! > "$D/osd.pid"
up=0; for _ in $(seq 1 120); do ceph osd stat -f json 2>/dev/null | grep -q '"num_up_osds":1' && { up=1; break; }; sleep 0.5; done
[ $up = 1 ] || { echo "start-ceph: the OSD did not come up; $D/log/osd.out" >&2; exit 1; }
mkdir -p "$D/rgw/ceph-rgw.a"
radosgw -n client.rgw.a -f >"$D/log/rgw.out" 2>&1 & echo $! > "$D/rgw.pid"
up=0
for _ in $(seq 1 240); do
  curl -s -o /dev/null "http://127.0.0.1:$RGW_PORT/" && { up=1; break; }
  kill -0 "$(cat "$D/rgw.pid")" 2>/dev/null || { echo "start-ceph: radosgw died:" >&2; tail -n 5 "$D/log/rgw.out" "$D/log/ceph-client.rgw.a.log" >&2 2>/dev/null; exit 1; }
  sleep 0.5
done
[ $up = 1 ] || { echo "start-ceph: radosgw did not answer on $RGW_PORT" >&2; exit 1; }
radosgw-admin -n client.admin user create --uid=test --display-name=test --access-key="$ACCESS" --secret="$SECRET" >/dev/null
echo "ceph up: S3 at http://127.0.0.1:$RGW_PORT"
