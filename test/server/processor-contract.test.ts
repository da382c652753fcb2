import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { DECODABLE, fixture } from '../support/fixtures.ts';
import { dataUri, pngSize, startEndpoint, type TestEndpoint } from '../support/endpoint.ts';
import { imgproxyCommand } from '../support/imgproxy.ts';

/** One contract, two processors: whatever normalizes the image, the user gets the same guarantees. */
for (const processor of ['sharp', 'imgproxy'] as const) {
  const label = processor === 'imgproxy' ? `imgproxy (${imgproxyCommand().kind})` : processor;
  describe(`the ${label} processor`, () => {
    let endpoint: TestEndpoint;
    before(async () => {
      endpoint = await startEndpoint(processor);
    });
    after(() => endpoint.close());

    it('reports itself in /healthz', async () => {
      const response = await fetch(`${endpoint.url}/healthz`);
      assert.equal(response.status, 200);
      const { status, processor: reported, processorHealthy } = (await response.json()) as Record<string, unknown>;
      assert.deepEqual({ status, processor: reported, processorHealthy }, { status: 'ok', processor, processorHealthy: true });
    });

    for (const [name, type] of DECODABLE) {
      it(`turns ${name} into a 1024x1024 PNG served at its stable URL`, async () => {
        const response = await endpoint.upload({ image: dataUri(fixture(name), type) });
        assert.equal(response.status, 201, await response.clone().text());
        const body = (await response.json()) as { url: string; width: number; height: number; type: string };
        assert.match(body.url, new RegExp(`^${endpoint.url}/avatars/[a-f0-9]{32}\\.png$`));
        assert.deepEqual({ width: body.width, height: body.height, type: body.type }, { width: 1024, height: 1024, type: 'image/png' });

        const served = await fetch(body.url);
        assert.equal(served.headers.get('content-type'), 'image/png');
        assert.deepEqual(await pngSize(Buffer.from(await served.arrayBuffer())), { format: 'png', width: 1024, height: 1024 });
      });
    }

    it('crops a landscape photo to its centre rather than squashing it', async () => {
      // chelsea.png is 451x300: a centred fill keeps the middle 300x300, so the output's left edge
      // matches the source column at x=75, not column 0.
      const response = await endpoint.upload(fixture('chelsea.png'));
      const { url } = (await response.json()) as { url: string };
      const output = await sharp(Buffer.from(await (await fetch(url)).arrayBuffer())).resize(300, 300).removeAlpha().raw().toBuffer();
      const centred = await sharp(fixture('chelsea.png')).extract({ left: 75, top: 0, width: 300, height: 300 }).removeAlpha().raw().toBuffer();
      const squashed = await sharp(fixture('chelsea.png')).resize(300, 300, { fit: 'fill' }).removeAlpha().raw().toBuffer();
      const distance = (a: Buffer, b: Buffer) => a.reduce((sum, value, i) => sum + Math.abs(value - b[i]!), 0) / a.length;
      assert.ok(distance(output, centred) < distance(output, squashed) / 2, 'the output should be the centre square of the photo');
    });

    it('applies EXIF orientation once', async () => {
      const rotated = await sharp(fixture('chelsea.png')).jpeg().withMetadata({ orientation: 6 }).toBuffer();
      const response = await endpoint.upload(rotated);
      const { url } = (await response.json()) as { url: string };
      const output = await sharp(Buffer.from(await (await fetch(url)).arrayBuffer())).resize(64, 64).removeAlpha().raw().toBuffer();
      const upright = await sharp(fixture('chelsea.png')).rotate(90).resize(64, 64, { fit: 'cover' }).removeAlpha().raw().toBuffer();
      const unrotated = await sharp(fixture('chelsea.png')).resize(64, 64, { fit: 'cover' }).removeAlpha().raw().toBuffer();
      const distance = (a: Buffer, b: Buffer) => a.reduce((sum, value, i) => sum + Math.abs(value - b[i]!), 0) / a.length;
      assert.ok(distance(output, upright) < distance(output, unrotated), 'the output should be turned upright');
    });

    it('strips metadata from the stored PNG', async () => {
      const tagged = await sharp(fixture('rocket.jpg')).withMetadata({ exif: { IFD0: { Artist: 'secret-person' } } }).jpeg().toBuffer();
      const { url } = (await (await endpoint.upload(tagged)).json()) as { url: string };
      const stored = Buffer.from(await (await fetch(url)).arrayBuffer());
      assert.equal(stored.includes('secret-person'), false);
      assert.equal((await sharp(stored).metadata()).exif, undefined);
    });

    it('answers a truncated JPEG with a clean 422 and stores nothing', async () => {
      const response = await endpoint.upload({ image: dataUri(fixture('truncated.jpg'), 'image/jpeg') });
      assert.equal(response.status, 422);
      const body = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'undecodable');
      assert.match(body.error.message, /damaged or incomplete/);
      assert.equal((await fetch(`${endpoint.url}/healthz`)).status, 200);
    });

    it('never stores an SVG as SVG: scripts are gone and the result is a PNG', async () => {
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><script>alert(2)</script><rect width="10" height="10" fill="red"/></svg>');
      const response = await endpoint.upload({ image: dataUri(svg, 'image/svg+xml') });
      assert.equal(response.status, 201);
      const { url } = (await response.json()) as { url: string };
      const stored = Buffer.from(await (await fetch(url)).arrayBuffer());
      assert.deepEqual(await pngSize(stored), { format: 'png', width: 1024, height: 1024 });
      const { data } = await sharp(stored).raw().toBuffer({ resolveWithObject: true });
      assert.deepEqual([...data.subarray(0, 3)], [255, 0, 0], 'the sanitized drawing is still rendered');
    });
  });
}
