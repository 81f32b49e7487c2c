#!/usr/bin/env node
// Draws Gloss's icon and writes it as PNG files, with no image tools: each
// pixel's colour is computed from the shapes below (4×4 supersampled for
// smooth edges) and encoded with zlib.
//
//   build/icon.png             1024×1024 (electron-builder makes .icns and .ico from it)
//   build/icons/NxN.png        16…512, the Linux icon set
//
// The mark: a page of three text lines on a deep blue tile, the middle line
// highlighted, as an annotator would mark a claim.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const BUILD_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];

/** Shapes in a 0..1 square, back to front: [signed-distance function, RGBA colour]. */
const SHAPES = [
  [roundedRect(0.5, 0.5, 0.44, 0.44, 0.2), [34, 52, 97, 255]], // tile
  [roundedRect(0.5, 0.5, 0.29, 0.33, 0.06), [248, 246, 240, 255]], // page
  [roundedRect(0.5, 0.5, 0.25, 0.075, 0.03), [247, 196, 64, 255]], // highlight of the middle line
  [roundedRect(0.47, 0.34, 0.17, 0.028, 0.028), [120, 132, 160, 255]], // line 1
  [roundedRect(0.5, 0.5, 0.2, 0.03, 0.03), [34, 52, 97, 255]], // line 2, the highlighted claim
  [roundedRect(0.44, 0.66, 0.14, 0.028, 0.028), [120, 132, 160, 255]], // line 3
];

/** Signed distance to a rectangle centred at (cx, cy) with half-sizes (hw, hh) and corner radius r; negative inside. */
function roundedRect(cx, cy, hw, hh, r) {
  return (x, y) => {
    const qx = Math.abs(x - cx) - hw + r;
    const qy = Math.abs(y - cy) - hh + r;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
}

/** RGBA pixels of the icon at `size`×`size`. */
export function drawIcon(size) {
  const px = new Uint8Array(size * size * 4);
  const n = 4; // samples per axis
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const u = (x + (sx + 0.5) / n) / size;
          const v = (y + (sy + 0.5) / n) / size;
          // Composite the shapes over transparency, premultiplied.
          let cr = 0, cg = 0, cb = 0, ca = 0;
          for (const [sdf, [sr, sg, sb, sa]] of SHAPES) {
            if (sdf(u, v) > 0) continue;
            const alpha = sa / 255;
            cr = sr * alpha + cr * (1 - alpha);
            cg = sg * alpha + cg * (1 - alpha);
            cb = sb * alpha + cb * (1 - alpha);
            ca = alpha + ca * (1 - alpha);
          }
          r += cr; g += cg; b += cb; a += ca;
        }
      }
      const i = (y * size + x) * 4;
      const s = n * n;
      px[i + 3] = Math.round((a / s) * 255);
      if (a > 0) {
        px[i] = Math.round(r / a);
        px[i + 1] = Math.round(g / a);
        px[i + 2] = Math.round(b / a);
      }
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A PNG file (8-bit RGBA, no interlace) of `size`×`size` RGBA pixels. */
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function main() {
  fs.mkdirSync(path.join(BUILD_DIR, 'icons'), { recursive: true });
  const write = (file, size) => {
    fs.writeFileSync(file, encodePng(size, drawIcon(size)));
    process.stderr.write(`wrote ${path.relative(process.cwd(), file)}\n`);
  };
  write(path.join(BUILD_DIR, 'icon.png'), 1024);
  for (const size of LINUX_SIZES) write(path.join(BUILD_DIR, 'icons', `${size}x${size}.png`), size);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
