import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dataUri, startEndpoint, TOKEN, type TestEndpoint } from '../support/endpoint.ts';
import { fixture } from '../support/fixtures.ts';

const ALICE = 'user:1b6f1c0e-3a52-4a0b-8f4e-0c6d9f3e2a22';
const MALLORY = 'user:5c0ffee0-0000-4000-8000-00000000bad1';
const idOf = (url: string) => url.split('/').pop()!.replace('.png', '');

describe('ownership attacks', () => {
  let endpoint: TestEndpoint;
  let alices: string;
  const auth = { authorization: `Bearer ${TOKEN}` };
  const status = async (url: string) => (await fetch(url)).status;
  before(async () => {
    endpoint = await startEndpoint('sharp');
    const response = await endpoint.upload({ image: dataUri(fixture('coffee.png'), 'image/png'), owner: ALICE });
    alices = ((await response.json()) as { url: string }).url;
  });
  after(() => endpoint.close());

  it('refuses smuggled owners: duplicate query params, arrays, objects, non-ASCII look-alikes', async () => {
    const id = idOf(alices);
    for (const query of [`owner=${MALLORY}&owner=${ALICE}`, `owner=${ALICE}&owner=${ALICE}`, `owner[]=${ALICE}`, `owner=user%3A%E2%80%8B1b6f`]) {
      const response = await fetch(`${endpoint.url}/api/v1/avatars/${id}?${query}`, { method: 'DELETE', headers: auth });
      assert.ok([400, 403].includes(response.status), `${query}: ${response.status}`);
    }
    for (const owner of [[ALICE], { value: ALICE }, `user:1b6f1c0e\u2011x`]) {
      const response = await endpoint.upload({ image: dataUri(fixture('coffee.png'), 'image/png'), owner, previous: alices });
      assert.equal(response.status, 400, JSON.stringify(owner));
    }
    const raw = await fetch(`${endpoint.url}/api/v1/avatars?owner=${MALLORY}&owner=${ALICE}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/octet-stream' }, body: new Uint8Array(fixture('coffee.png')) });
    assert.equal(raw.status, 400);
    assert.equal(await status(alices), 200);
  });

  it('never deletes through path tricks on DELETE', async () => {
    const id = idOf(alices);
    for (const path of [id.toUpperCase(), `${id}.png.png`, `..%2F${id}`, `%2e%2e%2f${id}`, `${id}%00`, `x%2F..%2F${id}`]) {
      const response = await fetch(`${endpoint.url}/api/v1/avatars/${path}?owner=${encodeURIComponent(MALLORY)}`, { method: 'DELETE', headers: auth });
      assert.ok(response.status !== 204 || !(await status(alices)), path);
    }
    assert.equal(await status(alices), 200);
  });

  it('a previous naming Alice in odd URL forms never touches her avatar', async () => {
    for (const previous of [alices.toUpperCase(), `${alices}?`, `${alices}#x`, `https://evil.example/avatars/${idOf(alices)}.png`, alices.replace('/avatars/', '/x/../avatars/'), alices.replace('/avatars/', '/avatars%2F')]) {
      const response = await endpoint.upload({ image: dataUri(fixture('coffee.png'), 'image/png'), owner: MALLORY, previous });
      assert.equal(response.status, 201, previous);
    }
    assert.equal(await status(alices), 200);
  });

  it('concurrent uploads of one owner: every URL returned still serves after all the tidies', async () => {
    const owner = 'user:race-0000-4000-8000-000000000001';
    const first = (await (await endpoint.upload({ image: dataUri(fixture('coffee.png'), 'image/png'), owner })).json()) as { url: string };
    const answers = await Promise.all(
      ['astronaut.png', 'chelsea.png', 'coffee.png', 'astronaut.png'].map((name) => endpoint.upload({ image: dataUri(fixture(name), 'image/png'), owner, previous: first.url })),
    );
    const urls = await Promise.all(answers.map(async (response) => ((await response.json()) as { url: string }).url));
    for (const url of [first.url, ...urls]) assert.equal(await status(url), 200, url);
  });
});
