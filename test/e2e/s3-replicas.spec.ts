import { expect, test } from '@playwright/test';
import { fixture } from '../support/fixtures.ts';

/**
 * What the s3-replicas project stands on: the demo's policy and the browser reach two endpoint
 * replicas through a round-robin proxy, and both replicas share one SeaweedFS bucket. (The
 * authentik-page specs then run unchanged against this stack.)
 */
const PROXY = `http://127.0.0.1:${process.env.REPLICAS_PROXY_PORT ?? '18486'}`;
const TOKEN = 'end-to-end-token-0123456789';

test('both replicas answer through the proxy, each on the shared bucket, and each serves what the other stored', async ({ request }) => {
  const replicas = new Set<string>();
  for (let i = 0; i < 2; i++) {
    const health = await request.get(`${PROXY}/healthz`);
    expect(health.status()).toBe(200);
    expect(await health.json()).toMatchObject({ storage: 's3', storageHealthy: true });
    replicas.add(health.headers()['x-served-by']!);
  }
  expect([...replicas].sort()).toEqual(['0', '1']);

  const upload = await request.post(`${PROXY}/api/v1/avatars`, {
    headers: { authorization: `Bearer ${TOKEN}` },
    data: { image: `data:image/png;base64,${fixture('coffee.png').toString('base64')}`, owner: 'user:5e2f7a1c-0d3b-4c8e-9f6a-1b2c3d4e5f60' },
  });
  expect(upload.status()).toBe(201);
  const { url } = (await upload.json()) as { url: string };
  expect(url.startsWith(`${PROXY}/avatars/`)).toBe(true);
  const servedBy = new Set<string>();
  const bodies: Buffer[] = [];
  for (let i = 0; i < 4; i++) {
    const image = await request.get(`${url}${i < 2 ? '' : '?size=64'}`);
    expect(image.status()).toBe(200);
    expect(image.headers()['content-type']).toBe('image/png');
    servedBy.add(image.headers()['x-served-by']!);
    bodies.push(await image.body());
  }
  expect([...servedBy].sort()).toEqual(['0', '1']);
  expect(bodies[0]!.equals(bodies[1]!)).toBe(true);
  expect(bodies[2]!.equals(bodies[3]!)).toBe(true);
});
