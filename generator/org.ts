// The organisation tree: head office → tier-1 (province) branches → tier-2 (city) branches →
// sub-branches → outlets under some sub-branches. Ids encode the path, two digits per level
// ("01", "0102", "010203", "01020301"), so they carry leading zeros.
import { districtWords, outletWords, tier1Names } from './names.ts';
import type { Rng } from './random.ts';
import type { ScaleConfig } from './scales.ts';

export type OrgLevel = 'head_office' | 'tier1_branch' | 'tier2_branch' | 'sub_branch' | 'outlet';

export interface Org {
  id: string;
  parent: number;
  name: string;
  level: OrgLevel;
  /** The sub-branch an outlet belongs to (itself for a sub-branch, −1 above). */
  sub: number;
  tier1: number;
  tier2: number;
}

export interface OrgTree {
  orgs: Org[];
  /** Org indexes of the sub-branches. */
  subs: number[];
  /** Outlet org indexes per sub-branch org index. */
  outlets: Map<number, number[]>;
}

const two = (n: number) => String(n).padStart(2, '0');

export function buildOrgTree(cfg: ScaleConfig, rng: Rng): OrgTree {
  const orgs: Org[] = [{ id: '00', parent: -1, name: '总行', level: 'head_office', sub: -1, tier1: -1, tier2: -1 }];
  const subs: number[] = [];
  const outlets = new Map<number, number[]>();
  for (let a = 1; a <= cfg.tier1; a++) {
    const t1 = tier1Names[(a - 1) % tier1Names.length]!;
    const i1 = orgs.push({ id: two(a), parent: 0, name: t1.name, level: 'tier1_branch', sub: -1, tier1: -1, tier2: -1 }) - 1;
    orgs[i1]!.tier1 = i1;
    const n2 = rng.int(cfg.tier2[0], cfg.tier2[1]);
    for (let b = 1; b <= n2; b++) {
      const city = t1.cities[(b - 1) % t1.cities.length]! + (b > t1.cities.length ? String(Math.ceil(b / t1.cities.length)) : '');
      const id2 = orgs[i1]!.id + two(b);
      const i2 = orgs.push({ id: id2, parent: i1, name: `${city}分行`, level: 'tier2_branch', sub: -1, tier1: i1, tier2: -1 }) - 1;
      orgs[i2]!.tier2 = i2;
      const n3 = rng.int(cfg.subs[0], cfg.subs[1]);
      const words = rng.shuffle([...districtWords]);
      for (let c = 1; c <= n3; c++) {
        const word = words[(c - 1) % words.length]! + (c > words.length ? String(Math.ceil(c / words.length)) : '');
        const i3 = orgs.push({ id: id2 + two(c), parent: i2, name: `${city}${word}支行`, level: 'sub_branch', sub: -1, tier1: i1, tier2: i2 }) - 1;
        orgs[i3]!.sub = i3;
        subs.push(i3);
        const list: number[] = [];
        if (rng.chance(cfg.outletChance)) {
          const n4 = rng.int(1, 3);
          const ow = rng.shuffle([...outletWords]);
          for (let d = 1; d <= n4; d++) {
            const name = `${city}${word}${ow[d - 1]}分理处`;
            list.push(orgs.push({ id: orgs[i3]!.id + two(d), parent: i3, name, level: 'outlet', sub: i3, tier1: i1, tier2: i2 }) - 1);
          }
        }
        outlets.set(i3, list);
      }
    }
  }
  return { orgs, subs, outlets };
}
