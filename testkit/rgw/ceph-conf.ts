/** The ceph.conf of a throwaway single-node cluster on loopback; every path lives under `dir`. */
export interface CephConfInput {
  readonly dir: string;
  readonly fsid: string;
  readonly monPort: number;
  readonly rgwPort: number;
  /** First of a small range of ports the OSD and the gateway bind their messengers to. */
  readonly msPortMin: number;
  readonly msPortMax: number;
  readonly objectStore: 'memstore' | 'bluestore';
}

/** BlueStore on a sparse file in the temp dir: gigabyte objects on disk, not in the OSD's RAM (memstore keeps
 *  about 2× the stored bytes in memory). The file grows only as data is written. */
const BLUESTORE = (dir: string) => `bluestore block path = ${dir}/bluestore-block
bluestore block create = true
bluestore block size = 21474836480
bluestore fsck on mkfs = false
bluestore fsck on mount = false
`;

export function cephConf(c: CephConfInput): string {
  return `[global]
fsid = ${c.fsid}
mon host = v1:127.0.0.1:${c.monPort}
mon initial members = a
ms bind msgr2 = false
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind port min = ${c.msPortMin}
ms bind port max = ${c.msPortMax}
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
keyring = ${c.dir}/keyring
run dir = ${c.dir}/run
admin socket = ${c.dir}/run/$name.asok
pid file = ${c.dir}/run/$name.pid
log file = ${c.dir}/log/$name.log
log to stderr = false
err to stderr = false
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon allow pool delete = true
osd crush chooseleaf type = 0
# Without a mgr the cluster reports MGR_DOWN; nothing here needs one.
mon mgr mkfs grace = 31536000
# The 1 s default makes every pool creation wait about 2 s.
paxos propose interval = 0.05
mon data avail warn = 1
mon data avail crit = 0

[mon.a]
mon data = ${c.dir}/mon

[osd.0]
osd data = ${c.dir}/osd
osd objectstore = ${c.objectStore}
osd journal size = 100
osd crush update on start = true
memstore device bytes = 4294967296
${c.objectStore === 'bluestore' ? BLUESTORE(c.dir) : ''}
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:${c.rgwPort} tcp_nodelay=1
rgw data = ${c.dir}/rgw
# Deleted data would otherwise stay in memstore's RAM for 2 h.
rgw gc obj min wait = 30
rgw gc processor period = 30
`;
}
