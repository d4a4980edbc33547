/**
 * A small seeded pseudo-random generator (mulberry32), so the demo holds the same data on every machine.
 * Not for anything secret: keys and tokens come from `node:crypto`.
 *
 * @example
 * const rng = seededRandom(42)
 * rng.int(1, 6) // the same die roll on every run
 */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng = {
    /** A float in [0, 1). */
    next,
    /** An integer in [min, max]. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    /** A float in [min, max). */
    float: (min: number, max: number) => min + next() * (max - min),
    /** True with probability `p`. */
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    /** One of `items`, chosen with the relative weights given. */
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      let roll = next() * items.reduce((sum, [, w]) => sum + w, 0);
      for (const [item, weight] of items) if ((roll -= weight) < 0) return item;
      return items.at(-1)![0];
    },
    /** `count` distinct items, in random order. */
    sample: <T>(items: readonly T[], count: number): T[] => rng.shuffle(items).slice(0, count),
    shuffle: <T>(items: readonly T[]): T[] => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy;
    },
    /** A 24-character id shaped like cuid2's (a letter, then base-36), for rows the demo creates. */
    id: () => {
      let id = String.fromCharCode(97 + Math.floor(next() * 26));
      while (id.length < 24) id += Math.floor(next() * 36).toString(36);
      return id;
    },
    /** Roughly normal noise around 1 (±`spread`), for day-to-day variation in metrics. */
    jitter: (spread: number) => 1 + (next() + next() + next() - 1.5) * (spread / 1.5),
  };
  return rng;
}
export type Random = ReturnType<typeof seededRandom>;
