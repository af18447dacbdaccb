/** Deterministic portrait PNGs for the sandbox (src/sandbox/portrait.ts). */
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, PORTRAIT_MAX_SIZE, renderPortraitPng } from '../../src/sandbox/portrait.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Bit-at-a-time CRC-32, independent of the module's table-driven one. */
function referenceCrc(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

interface Decoded {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  compression: number;
  filter: number;
  interlace: number;
  types: string[];
  pixels: Buffer; // raw inflated scanlines, filter byte included
}

/** Parses and validates the PNG container; every chunk's CRC must match. */
function decode(png: Buffer): Decoded {
  expect([...png.subarray(0, 8)]).toEqual(SIGNATURE);
  const types: string[] = [];
  const idat: Buffer[] = [];
  let ihdr: Buffer | undefined;
  let offset = 8;
  while (offset < png.length) {
    expect(offset + 12).toBeLessThanOrEqual(png.length);
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    const crc = png.readUInt32BE(offset + 8 + length);
    expect(crc, `CRC of ${type}`).toBe(referenceCrc(png.subarray(offset + 4, offset + 8 + length)));
    types.push(type);
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  expect(offset).toBe(png.length);
  expect(types[0]).toBe('IHDR');
  expect(types.at(-1)).toBe('IEND');
  expect(types.filter((t) => t === 'IEND')).toHaveLength(1);
  expect(idat.length).toBeGreaterThan(0);
  expect(ihdr).toBeDefined();
  expect(ihdr!.length).toBe(13);
  return {
    width: ihdr!.readUInt32BE(0),
    height: ihdr!.readUInt32BE(4),
    bitDepth: ihdr![8]!,
    colourType: ihdr![9]!,
    compression: ihdr![10]!,
    filter: ihdr![11]!,
    interlace: ihdr![12]!,
    types,
    pixels: inflateSync(Buffer.concat(idat)),
  };
}

function pixel(d: Decoded, x: number, y: number): [number, number, number] {
  const i = y * (1 + 3 * d.width) + 1 + 3 * x;
  return [d.pixels[i]!, d.pixels[i + 1]!, d.pixels[i + 2]!];
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('crc32', () => {
  it('matches the standard check value and the reference implementation', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
    const bytes = createHash('sha512').update('x').digest();
    expect(crc32(bytes)).toBe(referenceCrc(bytes));
    expect(crc32(bytes, 5, 40)).toBe(referenceCrc(bytes.subarray(5, 40)));
  });
});

describe('renderPortraitPng', () => {
  it.each([512, 128, 1, 37])('encodes a valid %i-pixel square 8-bit RGB PNG', (size) => {
    const d = decode(renderPortraitPng('med_01HX9Y6K7EJ4T2ABCDEF0123AB', size));
    expect(d).toMatchObject({ width: size, height: size, bitDepth: 8, colourType: 2, compression: 0, filter: 0, interlace: 0 });
    expect(d.pixels.length).toBe(size * (1 + 3 * size));
    for (let y = 0; y < size; y++) expect(d.pixels[y * (1 + 3 * size)]).toBe(0);
  });

  it('draws a portrait, not a flat fill: the face centre differs from the corners', () => {
    const d = decode(renderPortraitPng('med_face', 512));
    const corner = pixel(d, 2, 2);
    const face = pixel(d, 256, 215);
    const shirt = pixel(d, 256, 505);
    expect(face).not.toEqual(corner);
    expect(shirt).not.toEqual(face);
    const colours = new Set<string>();
    for (let y = 0; y < 512; y += 8) for (let x = 0; x < 512; x += 8) colours.add(pixel(d, x, y).join(','));
    expect(colours.size).toBeGreaterThan(20);
  });

  it('is deterministic', () => {
    for (const size of [512, 128]) {
      const a = renderPortraitPng('med_same', size);
      const b = renderPortraitPng('med_same', size);
      expect(a.equals(b)).toBe(true);
      expect(a).not.toBe(b);
    }
  });

  it('differs between seeds and between sizes', () => {
    const seeds = Array.from({ length: 24 }, (_, i) => `med_seed_${i}`);
    expect(new Set(seeds.map((s) => sha(renderPortraitPng(s, 512)))).size).toBe(seeds.length);
    expect(new Set(seeds.map((s) => sha(renderPortraitPng(s, 128)))).size).toBe(seeds.length);
    const full = renderPortraitPng('med_sizes', 512);
    const thumb = renderPortraitPng('med_sizes', 128);
    expect(full.equals(thumb)).toBe(false);
    expect(thumb.length).toBeLessThan(full.length);
  });

  it('returns a private copy: mutating a result does not poison the cache', () => {
    const first = renderPortraitPng('med_mutate', 128);
    const pristine = Buffer.from(first);
    first.fill(0);
    expect(renderPortraitPng('med_mutate', 128).equals(pristine)).toBe(true);
  });

  it('renders identical bytes after the entry was evicted from the LRU', () => {
    const before = renderPortraitPng('med_evict', 64);
    for (let i = 0; i < 100; i++) renderPortraitPng(`med_filler_${i}`, 16);
    expect(renderPortraitPng('med_evict', 64).equals(before)).toBe(true);
  });

  it('rejects sizes that are not integers in range', () => {
    for (const size of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, PORTRAIT_MAX_SIZE + 1]) {
      expect(() => renderPortraitPng('med_bad', size)).toThrow(RangeError);
    }
  });
});
