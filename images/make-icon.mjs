// Draws images/icon.png (128×128): an envelope with a padlock on the galleryBanner's dark blue.
// Plain Node (zlib for the PNG), 4×4 supersampling for smooth edges. Run: node images/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 128;
const S = 4;
const BG = [0x1e, 0x3a, 0x5f];
const PAPER = [0xf4, 0xf6, 0xf8];
const FOLD = [0x9a, 0xb0, 0xc8];
const GOLD = [0xf2, 0xb8, 0x2c];
const DARK = [0x14, 0x28, 0x44];

const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const nearSegment = (x, y, ax, ay, bx, by, w) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= w / 2;
};

/** The colour at a point, or null outside the icon (transparent). Later shapes paint over earlier ones. */
function colourAt(x, y) {
  if (!inRoundRect(x, y, 4, 4, 124, 124, 22)) return null;
  let c = BG;
  if (inRoundRect(x, y, 18, 32, 98, 88, 6)) c = PAPER;
  if (inRoundRect(x, y, 18, 32, 98, 88, 6) && (nearSegment(x, y, 20, 35, 58, 64, 4) || nearSegment(x, y, 96, 35, 58, 64, 4))) c = FOLD;
  // Padlock: shackle (a ring cut by the body) and body, with a dark outline so it stands off the paper.
  const ring = Math.hypot(x - 94, y - 78);
  if (y < 86 && ring <= 17 && ring >= 6) c = DARK;
  if (y < 86 && ring <= 14 && ring >= 9) c = GOLD;
  if (inRoundRect(x, y, 73, 81, 115, 115, 6)) c = DARK;
  if (inRoundRect(x, y, 76, 84, 112, 112, 4)) c = GOLD;
  if (Math.hypot(x - 94, y - 95) <= 4 || (x >= 92.5 && x <= 95.5 && y >= 95 && y <= 104)) c = DARK;
  return c;
}

const raw = Buffer.alloc(N * (N * 4 + 1));
for (let py = 0; py < N; py++) {
  raw[py * (N * 4 + 1)] = 0;
  for (let px = 0; px < N; px++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < S; sy++)
      for (let sx = 0; sx < S; sx++) {
        const c = colourAt(px + (sx + 0.5) / S, py + (sy + 0.5) / S);
        if (!c) continue;
        sum[0] += c[0];
        sum[1] += c[1];
        sum[2] += c[2];
        sum[3] += 1;
      }
    const o = py * (N * 4 + 1) + 1 + px * 4;
    if (sum[3]) for (let k = 0; k < 3; k++) raw[o + k] = Math.round(sum[k] / sum[3]);
    raw[o + 3] = Math.round((255 * sum[3]) / (S * S));
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
