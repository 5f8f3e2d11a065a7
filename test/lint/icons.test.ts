// The app icons electron-builder and the window use are what scripts/icons.mjs makes from
// resources/icon.svg: a 512 px PNG, an ICO of PNG entries up to 256 px, an ICNS up to 1024 px.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const pngSize = (b: Buffer) => [b.readUInt32BE(16), b.readUInt32BE(20)];
const isPng = (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

describe('resources/ icons', () => {
  it('has the source image and a 512 px PNG', () => {
    expect(fs.readFileSync('resources/icon.svg', 'utf8')).toMatch(/<svg[^>]+viewBox="0 0 1024 1024"/);
    const png = fs.readFileSync('resources/icon.png');
    expect(isPng(png)).toBe(true);
    expect(pngSize(png)).toEqual([512, 512]);
  });

  it('has a Windows ICO of PNG entries from 16 to 256 px', () => {
    const ico = fs.readFileSync('resources/icon.ico');
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
      const e = 6 + 16 * i;
      const data = ico.subarray(ico.readUInt32LE(e + 12), ico.readUInt32LE(e + 12) + ico.readUInt32LE(e + 8));
      expect(isPng(data)).toBe(true);
      return pngSize(data)[0];
    });
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('has a macOS ICNS up to 1024 px', () => {
    const icns = fs.readFileSync('resources/icon.icns');
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let o = 8; o < icns.length; o += icns.readUInt32BE(o + 4)) types.push(icns.subarray(o, o + 4).toString('ascii'));
    expect(types).toEqual(['ic07', 'ic08', 'ic09', 'ic10']);
  });

  it('is named in electron-builder.yml for every OS', () => {
    const yml = fs.readFileSync('electron-builder.yml', 'utf8');
    for (const f of ['resources/icon.ico', 'resources/icon.icns', 'resources/icon.png']) expect(yml).toContain(f);
  });
});
