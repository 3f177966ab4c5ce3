// The named scales of `jixiao generate --scale`, and how a plain client count is shaped.

export interface ScaleConfig {
  name: string;
  clients: number;
  /** Default period (YYYY-MM, inclusive). */
  from: string;
  to: string;
  corporateShare: number;
  /** About one corporate manager per this many corporate clients; retail likewise. */
  corporatePerManager: number;
  retailPerManager: number;
  tier1: number;
  tier2: [number, number];
  subs: [number, number];
  /** Chance that a sub-branch has outlets (1–3 of them). */
  outletChance: number;
}

const tiny: ScaleConfig = {
  name: 'tiny', clients: 50, from: '2025-01', to: '2025-03', corporateShare: 0.3,
  corporatePerManager: 5, retailPerManager: 12, tier1: 3, tier2: [1, 1], subs: [2, 2], outletChance: 0.3,
};
const demo: ScaleConfig = {
  name: 'demo', clients: 20_000, from: '2025-01', to: '2026-06', corporateShare: 0.15,
  corporatePerManager: 15, retailPerManager: 150, tier1: 3, tier2: [2, 4], subs: [3, 6], outletChance: 0.4,
};
const large: ScaleConfig = {
  name: 'large', clients: 1_000_000, from: '2025-01', to: '2026-06', corporateShare: 0.15,
  corporatePerManager: 15, retailPerManager: 150, tier1: 5, tier2: [4, 8], subs: [6, 12], outletChance: 0.5,
};

/** 'tiny' | 'demo' | 'large' | a client count (shaped like tiny below 500 clients, else like demo). */
export function resolveScale(scale: string | number): ScaleConfig {
  if (scale === 'tiny') return tiny;
  if (scale === 'demo') return demo;
  if (scale === 'large') return large;
  const n = typeof scale === 'number' ? scale : /^\d+$/.test(scale) ? Number(scale) : NaN;
  if (!Number.isInteger(n) || n < 10 || n > 20_000_000) {
    throw new Error(`--scale must be tiny, demo, large or a client count from 10 to 20000000, not '${scale}'`);
  }
  const shape = n < 500 ? tiny : n > 200_000 ? large : demo;
  return { ...shape, name: String(n), clients: n };
}
