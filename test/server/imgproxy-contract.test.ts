import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { generateImageUrl } from '@imgproxy/imgproxy-node';
import sharp from 'sharp';
import { heif } from '../fixtures/hostile/builders.ts';
import { fixture } from '../support/fixtures.ts';
import { freePort, imgproxyCommand, startImgproxy, type RunningImgproxy } from '../support/imgproxy.ts';

/**
 * What this project assumes about imgproxy, checked against the imgproxy the suites run
 * (the real binary when one is available, else the stand-in, which must behave the same).
 */
describe(`imgproxy as the endpoint relies on it (${imgproxyCommand().kind})`, () => {
  let imgproxy: RunningImgproxy;
  let source: Server;
  let sourceUrl: string;

  /** Damaged files made here (the same as in the hostile corpus), served next to the real fixtures. */
  const made = new Map<string, Buffer>();

  before(async () => {
    made.set('half.jpg', fixture('rocket.jpg').subarray(0, 56_000));
    made.set('garbage-hevc.heic', heif('heic', 64, 64, Buffer.alloc(256, 0x26)));
    const avif = await sharp(fixture('chelsea.png')).resize(64).avif({ quality: 40 }).toBuffer();
    made.set('cut.avif', avif.subarray(0, avif.length - 200));
    const port = await freePort();
    sourceUrl = `http://127.0.0.1:${port}`;
    source = createServer((request, response) => {
      const name = request.url!.slice(1);
      if (name === 'missing.png') return response.writeHead(404).end();
      if (made.has(name)) return response.writeHead(200).end(made.get(name));
      try {
        response.writeHead(200).end(fixture(name));
      } catch {
        response.writeHead(404).end();
      }
    }).listen(port, '127.0.0.1');
    imgproxy = await startImgproxy(`${sourceUrl}/`);
  });
  after(async () => {
    await imgproxy.stop();
    source.close();
  });

  const avatarUrl = (url: string, overrides: { key?: string } = {}) =>
    generateImageUrl({
      endpoint: imgproxy.url,
      url: { value: url, displayAs: 'base64' },
      options: { resizing_type: 'fill', width: 1024, height: 1024, enlarge: 1, gravity: { type: 'ce' }, format: 'png' },
      key: overrides.key ?? imgproxy.key,
      salt: imgproxy.salt,
    });

  it('answers /health with 200 "imgproxy is running"', async () => {
    const response = await fetch(`${imgproxy.url}/health`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'imgproxy is running');
  });

  it('fill-crops and enlarges a small source to an exact 1024 square PNG', async () => {
    const response = await fetch(avatarUrl(`${sourceUrl}/chelsea.png`));
    assert.equal(response.status, 200);
    const { format, width, height } = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    assert.deepEqual({ format, width, height }, { format: 'png', width: 1024, height: 1024 });
  });

  it('rasterizes SVG when PNG output is asked for', async () => {
    const response = await fetch(avatarUrl(`${sourceUrl}/blobs-l.svg`));
    assert.equal(response.headers.get('content-type'), 'image/png');
  });

  it('refuses a wrong signature with 403', async () => {
    const response = await fetch(avatarUrl(`${sourceUrl}/chelsea.png`, { key: 'ab'.repeat(32) }));
    assert.equal(response.status, 403);
  });

  it('refuses sources outside the pinned prefix with 404, even on loopback', async () => {
    const other = await fetch(avatarUrl(`http://127.0.0.2:${new URL(sourceUrl).port}/chelsea.png`));
    assert.equal(other.status, 404);
    const otherName = await fetch(avatarUrl(`http://localhost:${new URL(sourceUrl).port}/chelsea.png`));
    assert.equal(otherName.status, 404);
  });

  it('passes a missing source through as 404', async () => {
    assert.equal((await fetch(avatarUrl(`${sourceUrl}/missing.png`))).status, 404);
  });

  it('answers a broken image with 422', async () => {
    assert.equal((await fetch(avatarUrl(`${sourceUrl}/truncated.jpg`))).status, 422);
  });

  // Measured with imgproxy v4.0.12 on Debian's libvips 8.14.1: these are why intake decodes every raster
  // file strictly itself, and why the endpoint reads a 500 for an HEVC HEIC as the file's fault.
  it('decodes leniently: a JPEG cut in half inside its scan still becomes a 1024 PNG', async () => {
    const response = await fetch(avatarUrl(`${sourceUrl}/half.jpg`));
    assert.equal(response.status, 200);
    const { format, width } = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    assert.deepEqual({ format, width }, { format: 'png', width: 1024 });
  });

  for (const [what, name] of [
    ['a HEIC whose HEVC data cannot be decoded', 'garbage-hevc.heic'],
    ['an AVIF whose item runs past the end of the file', 'cut.avif'],
  ]) {
    it(`answers ${what} with 500 "Internal error" (a libvips error that is not a loader's refusal)`, async () => {
      const response = await fetch(avatarUrl(`${sourceUrl}/${name}`));
      assert.deepEqual([response.status, (await response.text()).trim()], [500, 'Internal error']);
      assert.equal((await fetch(`${imgproxy.url}/health`)).status, 200, 'and stays healthy');
    });
  }
});
