/**
 * The same official across announcements is one node: sightings with the same
 * name (tone placement and case folded) are merged when their titles belong to
 * the same family of bodies (one ministry and its departments, one province's
 * bodies, or the same body). Homonyms in unrelated bodies stay apart; a sighting
 * with no body joins its namesakes only when they are all one person.
 */
import type { Extraction } from '../core/extraction.ts';
import { referenceData } from '../core/reference.ts';
import { matchKey, slugify } from '../core/text.ts';

/** One official as seen in one announcement. */
export interface PersonSighting {
  announcementId: string;
  /** The official's key inside that announcement's extraction. */
  key: string;
  name: string;
  /** Families of the bodies the official's titles belong to (see `agencyFamily`). */
  families: string[];
}

/** The sightings of an extraction, with the family of each title's body. */
export function sightingsOf(announcementId: string, x: Extraction): PersonSighting[] {
  const agencies = new Map(x.agencies.map((a) => [a.key, a]));
  return x.officials.map((o) => ({
    announcementId,
    key: o.key,
    name: o.name,
    families: [
      ...new Set(
        o.roles.flatMap((r) => {
          const a = r.agencyKey ? agencies.get(r.agencyKey) : undefined;
          return a ? [agencyFamily(a)] : [];
        }),
      ),
    ].sort(),
  }));
}

/**
 * The family a body belongs to: the top of its chain of parents in the reference
 * data ("Cục Trợ giúp pháp lý" → "bo-tu-phap"), its province for a provincial
 * body, or its own name.
 */
export function agencyFamily(a: { referenceId?: string; provinceCode?: string; name: string }): string {
  if (a.referenceId) {
    const rows = agencyRows();
    let id = a.referenceId;
    for (let guard = 0; guard < 10; guard++) {
      const parent = rows.get(id)?.parentId;
      // Stop below the Government, the Party and the National Assembly: their ministries are the families.
      if (!parent || !rows.has(parent) || TOP_LEVEL.has(parent)) break;
      id = parent;
    }
    return id;
  }
  if (a.provinceCode) return `province-${a.provinceCode}`;
  return slugify(a.name);
}

/** Bodies whose children are unrelated to one another for the purpose of telling people apart. */
const TOP_LEVEL = new Set(['chinh-phu', 'quoc-hoi', 'ban-chap-hanh-trung-uong-dang', 'dang-cong-san-viet-nam', 'uy-ban-thuong-vu-quoc-hoi']);

let rowsCache: Map<string, { parentId: string }> | undefined;
function agencyRows(): Map<string, { parentId: string }> {
  rowsCache ??= new Map(referenceData().agencies.map((r) => [r.id, { parentId: r.parentId }]));
  return rowsCache;
}

/** Resolution of all sightings: `idOf(announcementId, key)` is the person's IRI segment. */
export interface PeopleIndex {
  idOf(announcementId: string, key: string): string;
  /** Number of distinct persons. */
  size: number;
}

/**
 * Clusters sightings into persons. Deterministic: the result depends only on the
 * set of sightings, not on their order.
 *
 * @example two sightings of "Trần Văn An", one at Sở Tư pháp tỉnh Nam Định and one at Bộ Công an
 *   → two persons, `tran-van-an-province-36` and `tran-van-an-bo-cong-an`
 */
export function resolvePeople(sightings: PersonSighting[]): PeopleIndex {
  const byName = new Map<string, PersonSighting[]>();
  for (const s of sightings) {
    const k = matchKey(s.name);
    const list = byName.get(k) ?? [];
    list.push(s);
    byName.set(k, list);
  }
  const ids = new Map<string, string>();
  const at = (s: PersonSighting) => `${s.announcementId}\u0000${s.key}`;
  let size = 0;
  for (const group of byName.values()) {
    const clusters = clusterByFamily(group);
    const slug = slugify(group.map((s) => s.name).sort()[0]!) || 'person';
    size += clusters.length;
    for (const c of clusters) {
      const id = clusters.length === 1 || c.family === undefined ? slug : `${slug}-${slugify(c.family)}`;
      for (const s of c.members) ids.set(at(s), id);
    }
  }
  return {
    idOf: (announcementId, key) => ids.get(`${announcementId}\u0000${key}`) ?? 'unknown',
    size,
  };
}

interface Cluster {
  members: PersonSighting[];
  /** The family that names the cluster: its most frequent one (ties: the first in code-point order). */
  family?: string;
}

function clusterByFamily(group: PersonSighting[]): Cluster[] {
  // Union-find over families: sightings sharing any family are one person.
  const parent = new Map<string, string>();
  const find = (f: string): string => {
    let r = f;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(f, r);
    return r;
  };
  for (const s of group) for (const f of s.families) if (!parent.has(f)) parent.set(f, f);
  for (const s of group) {
    const [first, ...rest] = s.families;
    if (first === undefined) continue;
    for (const f of rest) {
      const a = find(first);
      const b = find(f);
      if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
    }
  }
  const clusters = new Map<string, PersonSighting[]>();
  const unaffiliated: PersonSighting[] = [];
  for (const s of group) {
    if (s.families.length === 0) unaffiliated.push(s);
    else {
      const root = find(s.families[0]!);
      clusters.set(root, [...(clusters.get(root) ?? []), s]);
    }
  }
  const out: Cluster[] = [...clusters.values()].map((members) => ({ members, family: mostFrequent(members.flatMap((m) => m.families)) }));
  if (out.length === 1) out[0]!.members.push(...unaffiliated);
  else if (unaffiliated.length > 0) out.push({ members: unaffiliated });
  return out;
}

function mostFrequent(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}
