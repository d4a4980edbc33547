// Dominant colours by k-means over a 100 px copy of the image, in CIELAB so that distances match what people
// see. Deterministic: seeded from the most common colour, then the farthest one from those chosen (k-means++
// without the randomness), so the same image always gives the same palette.

/** One colour of a palette and the share of the image's (opaque) pixels nearest to it. */
export interface ColorShare {
  /** `#rrggbb`, lower case. */
  hex: string;
  /** 0..1; the palette's shares add up to 1. */
  share: number;
}

type Lab = [number, number, number];

/**
 * The `count` dominant colours of RGBA pixels (as `smallRgba` gives them), largest share first. Transparent
 * pixels are ignored; colours closer than a just-noticeable step are merged, so a flat image has one colour.
 *
 * @example paletteOf(await smallRgba(input))   // [{ hex: '#1e66f5', share: 0.71 }, { hex: '#ffffff', share: 0.29 }]
 */
export function paletteOf(image: { data: Uint8Array; width: number; height: number }, count = 5): ColorShare[] {
  const pixels: Lab[] = [];
  const { data } = image;
  for (let i = 0; i + 3 < data.length; i += 4) if (data[i + 3]! >= 128) pixels.push(rgbToLab(data[i]!, data[i + 1]!, data[i + 2]!));
  if (pixels.length === 0) return [];

  // Seeds: the most common coarse colour, then repeatedly the pixel farthest from every seed so far.
  const keys = pixels.map(([l, a, b]) => `${Math.round(l / 10)},${Math.round(a / 10)},${Math.round(b / 10)}`);
  const bins = new Map<string, number>();
  for (const key of keys) bins.set(key, (bins.get(key) ?? 0) + 1);
  const commonest = [...bins].reduce((best, bin) => (bin[1] > best[1] ? bin : best))[0];
  const top = keys.indexOf(commonest);
  const centres: Lab[] = [[...pixels[top]!]];
  const nearest = pixels.map((p) => distance(p, centres[0]!));
  while (centres.length < count) {
    let far = 0;
    for (let i = 1; i < pixels.length; i++) if (nearest[i]! > nearest[far]!) far = i;
    if (nearest[far]! < mergeDistance) break;
    centres.push([...pixels[far]!]);
    pixels.forEach((p, i) => (nearest[i] = Math.min(nearest[i]!, distance(p, centres.at(-1)!))));
  }

  const owner = new Uint8Array(pixels.length);
  for (let round = 0; round < 12; round++) {
    let moved = false;
    pixels.forEach((p, i) => {
      let best = 0;
      for (let c = 1; c < centres.length; c++) if (distance(p, centres[c]!) < distance(p, centres[best]!)) best = c;
      if (owner[i] !== best) (owner[i] = best), (moved = true);
    });
    const sums = centres.map(() => [0, 0, 0, 0]);
    pixels.forEach((p, i) => {
      const s = sums[owner[i]!]!;
      s[0]! += p[0];
      s[1]! += p[1];
      s[2]! += p[2];
      s[3]! += 1;
    });
    sums.forEach((s, c) => {
      if (s[3]) centres[c] = [s[0]! / s[3], s[1]! / s[3], s[2]! / s[3]];
    });
    if (!moved && round > 0) break;
  }

  const counts = centres.map(() => 0);
  for (const c of owner) counts[c]! += 1;
  const merged: { lab: Lab; n: number }[] = [];
  centres
    .map((lab, c) => ({ lab, n: counts[c]! }))
    .sort((a, b) => b.n - a.n)
    .forEach((cluster) => {
      const same = merged.find((m) => distance(m.lab, cluster.lab) < mergeDistance);
      if (same) same.n += cluster.n;
      else if (cluster.n > 0) merged.push(cluster);
    });
  return merged
    .sort((a, b) => b.n - a.n)
    .map(({ lab, n }) => ({ hex: labToHex(lab), share: Math.round((n / pixels.length) * 1000) / 1000 }));
}

/** Colours closer than this (ΔE in CIELAB) count as one. */
const mergeDistance = 8;

const distance = (a: Lab, b: Lab) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/**
 * A plain colour word for a hex colour (`red`, `orange`, `yellow`, `green`, `teal`, `blue`, `purple`, `pink`,
 * `brown`, `black`, `white`, `gray`): the label a person would search for.
 *
 * @example colorName('#1e66f5')   // 'blue'
 */
export function colorName(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const s = max === min ? 0 : (max - min) / (1 - Math.abs(2 * l - 1));
  if (l < 0.12) return 'black';
  if (s < 0.15 || max - min < 0.08) return l > 0.85 ? 'white' : l < 0.2 ? 'black' : 'gray';
  const h =
    max === r
      ? (((g - b) / (max - min)) * 60 + 360) % 360
      : max === g
        ? ((b - r) / (max - min)) * 60 + 120
        : ((r - g) / (max - min)) * 60 + 240;
  if ((h < 40 || h >= 345) && l < 0.45 && s < 0.75) return 'brown';
  if (h < 15 || h >= 345) return 'red';
  if (h < 40) return 'orange';
  if (h < 70) return 'yellow';
  if (h < 165) return 'green';
  if (h < 195) return 'teal';
  if (h < 260) return 'blue';
  if (h < 290) return 'purple';
  return 'pink';
}

// sRGB (D65) <-> CIELAB

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const fromLinear = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (t * 24389) / 27 / 116 + 16 / 116);
const fInverse = (t: number) => (t ** 3 > 216 / 24389 ? t ** 3 : (116 * t - 16) / (24389 / 27));
const white = [0.95047, 1, 1.08883] as const;

function rgbToLab(r8: number, g8: number, b8: number): Lab {
  const [r, g, b] = [r8, g8, b8].map((c) => toLinear(c / 255)) as [number, number, number];
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / white[0]);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / white[2]);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

function labToHex([l, a, b]: Lab): string {
  const y = (l + 16) / 116;
  const [x, yy, z] = [fInverse(y + a / 500) * white[0], fInverse(y), fInverse(y - b / 200) * white[2]];
  const rgb = [3.2406 * x - 1.5372 * yy - 0.4986 * z, -0.9689 * x + 1.8758 * yy + 0.0415 * z, 0.0557 * x - 0.204 * yy + 1.057 * z].map(
    (c) => Math.round(Math.min(1, Math.max(0, fromLinear(c))) * 255),
  );
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
