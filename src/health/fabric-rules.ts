/**
 * metal-api's view of the fabric (what metal-core reports from each switch) judged against itself and against the
 * switches' own FRR: out of date, failing to sync, or saying something else than FRR does. And metal-api's own
 * health. Facts: shared/domain/metal-api.md; metal-core reports every 10 s (ReconfigureSwitchInterval).
 */
import type { BgpSession, BgpSwitch } from '../model/bgp';
import type { MetalSwitch, MetalSwitchPort } from '../model/metal-switch';
import type { RackObservation } from '../model/snapshot';
import type { Finding } from './finding';
import { ago, finding, oneLine } from './make-finding';
import type { HealthOptions } from './options';

export function fabricRules(snapshot: RackObservation, o: Pick<HealthOptions, 'switchSyncStale'>): Finding[] {
  const now = snapshot.takenAt;
  const ssh = new Map(snapshot.bgp.switches.filter((s) => s.via === undefined && s.reachable).map((s) => [s.name, s]));
  return [
    ...snapshot.switches.flatMap((m) => {
      const fresh = m.lastSync !== undefined && now - m.lastSync.time <= o.switchSyncStale;
      const own = ssh.get(m.name);
      return [...syncFindings(m, now, fresh), ...(fresh && own ? disagreements(m, own, now) : [])];
    }),
    ...apiFindings(snapshot),
  ];
}

/** The switch's failed sync when it is newer than its last good one: metal-core is failing now. One home for the rule. */
export function failingSync(m: MetalSwitch): MetalSwitch['lastSyncError'] {
  return m.lastSyncError && (!m.lastSync || m.lastSyncError.time > m.lastSync.time) ? m.lastSyncError : undefined;
}

function syncFindings(m: MetalSwitch, now: number, fresh: boolean): Finding[] {
  const subject = { kind: 'switch', id: m.name, label: m.name } as const;
  const out: Finding[] = [];
  const failing = failingSync(m);
  if (failing) {
    const why = failing.error ? `: ${oneLine(failing.error)}` : '';
    out.push(
      finding(
        'switch-sync-failing',
        'warning',
        'bgp',
        subject,
        `metal-core on ${m.name} fails to apply its configuration (${ago(now, failing.time)})${why}`,
        `read metal-core's log on ${m.name}; new machines and VRFs are not configured on it meanwhile`,
      ),
    );
  }
  if (!fresh) {
    out.push(
      finding(
        'switch-view-stale',
        'warning',
        'bgp',
        subject,
        `metal-api's view of ${m.name} is out of date: metal-core last reported ${ago(now, m.lastSync?.time)}`,
        `check that metal-core runs on ${m.name} and reaches metal-api; until then its ports and BGP as metal-api shows them are that old`,
      ),
    );
  }
  return out;
}

/** A port whose session FRR (over SSH) and metal-core's last report disagree on being Established. */
function disagreements(m: MetalSwitch, own: BgpSwitch, now: number): Finding[] {
  if (own.sessions.length === 0 || !m.lastSync) return [];
  const syncedAt = m.lastSync.time;
  return m.ports.flatMap((p) => {
    if (!p.bgp) return [];
    const s = own.sessions.find((x) => matches(x, p));
    const apiUp = p.bgp.state === 'Established';
    // A session that came up after the report: metal-api has not caught up yet, nobody is wrong.
    if (s && (s.state === 'Established') === apiUp) return [];
    if (s?.state === 'Established' && (s.establishedSince ?? 0) > syncedAt) return [];
    const said = s ? `FRR says ${s.state}` : 'FRR lists no session on it';
    return [
      finding(
        'bgp-views-disagree',
        'warning',
        'bgp',
        { kind: 'switch', id: m.name, label: `${m.name} ${p.name}` },
        `${m.name} ${p.name} (${p.bgp.vrf}${p.bgp.neighbor ? ` ${p.bgp.neighbor}` : ''}): ${said}, metal-api says ${p.bgp.state} (reported ${ago(now, syncedAt)})`,
        `FRR over SSH is current and wins; if this persists, metal-core's BGP state file on ${m.name} is not updated (metal-core reads /var/run/bgp-neighbors/bgp-neighbors.json)`,
      ),
    ];
  });
}

function matches(s: BgpSession, p: MetalSwitchPort): boolean {
  if (!p.bgp || s.vrf !== p.bgp.vrf) return false;
  return s.neighbor === p.name || (p.bgp.neighbor !== '' && s.peerHostname === p.bgp.neighbor);
}

function apiFindings(snapshot: RackObservation): Finding[] {
  return snapshot.apis.flatMap((a) => {
    if (a.status === 'healthy') return [];
    const sick = a.services.filter((s) => s.status !== 'healthy').map((s) => `${s.name} ${s.status}${s.message ? ` (${oneLine(s.message)})` : ''}`);
    const what = sick.length > 0 ? `: ${sick.join(', ')}` : a.message ? `: ${oneLine(a.message)}` : '';
    return [
      finding(
        'api-unhealthy',
        a.status === 'degraded' ? 'warning' : 'critical',
        'control-planes',
        { kind: 'control-plane', id: a.name, label: a.name },
        `${a.name} reports itself ${a.status}${what}`,
        `${a.name}'s own health check (${a.url}/v1/health) names what it depends on: check those services in the control plane's cluster`,
      ),
    ];
  });
}
