/**
 * Deterministic stylized portrait avatars, encoded as PNG with node built-ins only.
 *
 * `renderPortraitPng(seed, size)` draws a square avatar — gradient background, a soft halo,
 * shoulders, neck, head, hair, eyes and a smile — whose palette, proportions and hair style all
 * derive from a SHA-256 of the seed. Shapes are signed-distance fields, so edges are
 * anti-aliased without supersampling. The PNG is 8-bit RGB (colour type 2), filter byte 0 on
 * every scanline, one IDAT from zlib's deflateSync, chunk CRCs from a local CRC-32 table
 * (node:zlib's crc32 is not available on Node 20).
 *
 * Results are kept in a small in-module LRU (64 entries keyed by size and seed); every call
 * returns its own copy, so callers may mutate what they get.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

export const PORTRAIT_MAX_SIZE = 2048;
const CACHE_CAPACITY = 64;
const TILE = 8;

// ---------------------------------------------------------------------------------------------
// PNG encoding

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO-HDLC, the one PNG uses) of `bytes[start, end)`. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = (CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)) >>> 0;
  return (c ^ 0xffffffff) >>> 0;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out, 4, 8 + data.length), 8 + data.length);
  return out;
}

/** Encodes `rgb` (size×size, 3 bytes per pixel, row-major) as a PNG. */
function encodePng(rgb: Uint8ClampedArray, size: number): Buffer {
  const stride = 1 + 3 * size;
  const raw = Buffer.alloc(stride * size); // filter byte 0 (None) on every scanline
  for (let y = 0; y < size; y++) raw.set(rgb.subarray(y * 3 * size, (y + 1) * 3 * size), y * stride + 1);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour RGB
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // interlace: none
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// ---------------------------------------------------------------------------------------------
// Seeded parameters

type Rgb = readonly [number, number, number];

/** sfc32 seeded from the seed's SHA-256: as many stable draws in [0, 1) as we need. */
function randomFrom(seed: string): () => number {
  const d = createHash('sha256').update(seed, 'utf8').digest();
  let a = d.readUInt32BE(0), b = d.readUInt32BE(4), c = d.readUInt32BE(8), n = d.readUInt32BE(12);
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; n >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    n = (n + 1) | 0;
    t = (t + n) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

function hex(h: string): Rgb {
  const v = Number.parseInt(h.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

function hsl(h: number, s: number, l: number): Rgb {
  const f = (n: number): number => {
    const k = (n + h * 12) % 12;
    return 255 * (l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1)));
  };
  return [f(0), f(8), f(4)];
}

function shade(c: Rgb, f: number): Rgb {
  return [c[0] * f, c[1] * f, c[2] * f];
}

const SKIN: readonly Rgb[] = ['#ffdbac', '#f9dcc4', '#f1c27d', '#e0ac69', '#d1a27a', '#c68642', '#a86b3c', '#8d5524', '#6b4226', '#4a2e1c'].map(hex);
const HAIR: readonly Rgb[] = ['#1c1a19', '#3b2417', '#5a3a22', '#7a5230', '#8d3b1f', '#c9a15b', '#e3d3a8', '#9a9a9a', '#d77fa8', '#3aa7a3', '#8a6fd1', '#2f4f9e'].map(hex);
const HAIR_STYLES = ['short', 'long', 'bun', 'curly', 'buzz'] as const;

function pick<T>(list: readonly T[], r: number): T {
  return list[Math.min(list.length - 1, Math.floor(r * list.length))]!;
}

// ---------------------------------------------------------------------------------------------
// Signed distance fields (normalized coordinates: the image spans [0, 1] × [0, 1], y down)

type Sdf = (x: number, y: number) => number;

/** √(a² + b²); Math.hypot is several times slower in V8 and this runs per pixel. */
const len = (a: number, b: number): number => Math.sqrt(a * a + b * b);

const circle = (cx: number, cy: number, r: number): Sdf => (x, y) => len(x - cx, y - cy) - r;

/** Cheap ellipse distance approximation (good near the boundary, which is all AA needs). */
const ellipse = (cx: number, cy: number, rx: number, ry: number): Sdf => (x, y) => {
  const px = x - cx, py = y - cy;
  const k0 = len(px / rx, py / ry);
  const k1 = len(px / (rx * rx), py / (ry * ry));
  return k1 === 0 ? -Math.min(rx, ry) : (k0 * (k0 - 1)) / k1;
};

const roundedRect = (x0: number, y0: number, x1: number, y1: number, r: number): Sdf => {
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, hx = (x1 - x0) / 2 - r, hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx, qy = Math.abs(y - cy) - hy;
    return len(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
};

interface Layer {
  sdf: Sdf;
  color: Rgb;
  alpha: number;
  /** Bounding box in normalized coordinates; pixels outside have zero coverage. */
  box: readonly [number, number, number, number];
}

// ---------------------------------------------------------------------------------------------
// Rendering

function renderRgb(seed: string, size: number): Uint8ClampedArray {
  const rnd = randomFrom(seed);

  // Palette
  const bgHue = rnd();
  const bgSat = 0.4 + 0.3 * rnd();
  const bgTop = hsl(bgHue, bgSat, 0.8 + 0.06 * rnd());
  const bgBottom = hsl((bgHue + 0.04 + 0.08 * rnd()) % 1, bgSat, 0.55 + 0.1 * rnd());
  const halo = hsl(bgHue, bgSat * 0.6, 0.92);
  const skin = pick(SKIN, rnd());
  const hair = pick(HAIR, rnd());
  const shirt = hsl((bgHue + 0.33 + 0.34 * rnd()) % 1, 0.45 + 0.3 * rnd(), 0.35 + 0.2 * rnd());
  const style = pick(HAIR_STYLES, rnd());

  // Proportions
  const hx = 0.5 + (rnd() - 0.5) * 0.03;
  const hy = 0.41 + rnd() * 0.04;
  const rx = 0.135 + rnd() * 0.035;
  const ry = rx * (1.12 + rnd() * 0.16);
  const torsoRx = 0.36 + rnd() * 0.1;
  const torsoRy = 0.26 + rnd() * 0.06;
  const torsoCy = hy + ry + torsoRy + 0.02 + rnd() * 0.03;
  const hairline = hy - ry * (0.45 + rnd() * 0.3);
  const eyeDx = rx * (0.34 + rnd() * 0.08);
  const eyeY = hy + ry * (0.02 + rnd() * 0.08);
  const eyeR = rx * (0.075 + rnd() * 0.03);
  const mouthR = rx * (0.28 + rnd() * 0.14);
  const mouthCy = hy + ry * (0.2 + rnd() * 0.08);

  const layers: Layer[] = [];
  const add = (sdf: Sdf, color: Rgb, box: Layer['box'], alpha = 1): void => {
    layers.push({ sdf, color, alpha, box });
  };

  add(circle(hx, hy + ry * 0.3, 0.38), halo, [hx - 0.38, hy + ry * 0.3 - 0.38, hx + 0.38, hy + ry * 0.3 + 0.38], 0.35);
  add(ellipse(0.5, torsoCy, torsoRx, torsoRy), shirt, [0.5 - torsoRx, torsoCy - torsoRy, 0.5 + torsoRx, torsoCy + torsoRy]);
  if (style === 'long') {
    const x0 = hx - rx * 1.18, x1 = hx + rx * 1.18, y0 = hy - ry * 0.4, y1 = hy + ry * (1.3 + rnd() * 0.5);
    add(roundedRect(x0, y0, x1, y1, rx * 0.55), hair, [x0, y0, x1, y1]);
  } else if (style === 'curly') {
    const r = rx * (1.4 + rnd() * 0.15), cy = hy - ry * 0.2;
    add(circle(hx, cy, r), hair, [hx - r, cy - r, hx + r, cy + r]);
  } else if (style === 'bun') {
    const r = rx * (0.38 + rnd() * 0.1), cy = hy - ry * 1.05;
    add(circle(hx, cy, r), hair, [hx - r, cy - r, hx + r, cy + r]);
  }
  const neckW = rx * 0.42, neckTop = hy + ry * 0.5, neckBottom = torsoCy - torsoRy + 0.04;
  add(roundedRect(hx - neckW, neckTop, hx + neckW, neckBottom, neckW * 0.4), shade(skin, 0.88), [hx - neckW, neckTop, hx + neckW, neckBottom]);
  add(ellipse(hx, hy, rx, ry), skin, [hx - rx, hy - ry, hx + rx, hy + ry]);
  {
    // Hair cap: a slightly larger ellipse than the head, minus a face window below the hairline,
    // cut off at sideburn/cheek level.
    const grow = style === 'buzz' ? 1.035 : 1.08 + rnd() * 0.04;
    const capRx = rx * grow, capRy = ry * grow, capCy = hy - ry * 0.05;
    const cap = ellipse(hx, capCy, capRx, capRy);
    const faceTop = style === 'buzz' ? hy - ry * 0.8 : hairline;
    const faceRy = ry * 1.02;
    const face = ellipse(hx, faceTop + faceRy, rx * 0.9, faceRy);
    const cut = hy + ry * (style === 'long' || style === 'curly' ? 0.35 : 0.05);
    add(
      (x, y) => Math.max(cap(x, y), -face(x, y), y - cut),
      style === 'buzz' ? shade(hair, 0.9) : hair,
      [hx - capRx, capCy - capRy, hx + capRx, cut],
    );
  }
  const dark = skin[0] * 0.3 + skin[1] * 0.59 + skin[2] * 0.11 < 110;
  const eye: Rgb = dark ? [18, 14, 16] : [40, 36, 40];
  add(circle(hx - eyeDx, eyeY, eyeR), eye, [hx - eyeDx - eyeR, eyeY - eyeR, hx - eyeDx + eyeR, eyeY + eyeR]);
  add(circle(hx + eyeDx, eyeY, eyeR), eye, [hx + eyeDx - eyeR, eyeY - eyeR, hx + eyeDx + eyeR, eyeY + eyeR]);
  const lip = rx * 0.05;
  const mouthCut = mouthCy + mouthR * 0.45;
  add(
    (x, y) => Math.max(Math.abs(len(x - hx, y - mouthCy) - mouthR) - lip, mouthCut - y),
    dark ? [196, 108, 104] : [150, 72, 70],
    [hx - mouthR - lip, mouthCut, hx + mouthR + lip, mouthCy + mouthR + lip],
  );

  // Composite into a float buffer: background gradient, then each layer over its box.
  const px = 1 / size;
  const buf = new Float32Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    const t = (y + 0.5) * px;
    const r = bgTop[0] + (bgBottom[0] - bgTop[0]) * t;
    const g = bgTop[1] + (bgBottom[1] - bgTop[1]) * t;
    const b = bgTop[2] + (bgBottom[2] - bgTop[2]) * t;
    for (let i = y * size * 3, end = i + size * 3; i < end; i += 3) {
      buf[i] = r;
      buf[i + 1] = g;
      buf[i + 2] = b;
    }
  }
  // Layers are walked in TILE×TILE blocks: one SDF sample at the block centre decides blocks
  // lying wholly inside or outside the shape (with a 2× safety factor for the approximate
  // ellipse distance), and only blocks near an edge are shaded per pixel.
  const margin = (2 * Math.SQRT2 * (TILE / 2) + 1) * px;
  for (const { sdf, color, alpha, box } of layers) {
    const x0 = Math.max(0, Math.floor(box[0] * size) - 1), x1 = Math.min(size - 1, Math.ceil(box[2] * size) + 1);
    const y0 = Math.max(0, Math.floor(box[1] * size) - 1), y1 = Math.min(size - 1, Math.ceil(box[3] * size) + 1);
    const [cr, cg, cb] = color;
    for (let by = y0; by <= y1; by += TILE) {
      const by1 = Math.min(by + TILE - 1, y1);
      for (let bx = x0; bx <= x1; bx += TILE) {
        const bx1 = Math.min(bx + TILE - 1, x1);
        const dc = sdf(((bx + bx1 + 1) / 2) * px, ((by + by1 + 1) / 2) * px);
        if (dc > margin) continue; // wholly outside
        const inside = dc < -margin;
        for (let y = by; y <= by1; y++) {
          const v = (y + 0.5) * px;
          for (let x = bx; x <= bx1; x++) {
            let a = alpha;
            if (!inside) {
              const c = 0.5 - sdf((x + 0.5) * px, v) / px;
              if (c <= 0) continue;
              if (c < 1) a *= c;
            }
            const i = (y * size + x) * 3;
            buf[i] = buf[i]! + (cr - buf[i]!) * a;
            buf[i + 1] = buf[i + 1]! + (cg - buf[i + 1]!) * a;
            buf[i + 2] = buf[i + 2]! + (cb - buf[i + 2]!) * a;
          }
        }
      }
    }
  }

  return new Uint8ClampedArray(buf); // rounds and clamps to 0..255
}

// ---------------------------------------------------------------------------------------------
// Public API with a small LRU

const cache = new Map<string, Buffer>();

/**
 * A deterministic size×size portrait PNG for `seed` (e.g. an assetId). `size` must be an integer
 * in 1..PORTRAIT_MAX_SIZE. Same seed and size → identical bytes.
 */
export function renderPortraitPng(seed: string, size: number): Buffer {
  if (!Number.isInteger(size) || size < 1 || size > PORTRAIT_MAX_SIZE) {
    throw new RangeError(`portrait size must be an integer in 1..${PORTRAIT_MAX_SIZE}, got ${size}`);
  }
  const key = `${size}:${seed}`;
  let png = cache.get(key);
  if (png) {
    cache.delete(key); // refresh recency
  } else {
    png = encodePng(renderRgb(seed, size), size);
    if (cache.size >= CACHE_CAPACITY) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
  }
  cache.set(key, png);
  return Buffer.from(png);
}
