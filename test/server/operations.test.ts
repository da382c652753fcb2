import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixture } from '../support/fixtures.ts';
import { dataUri, startEndpoint, type TestEndpoint } from '../support/endpoint.ts';

describe('operations', () => {
  let endpoint: TestEndpoint;
  before(async () => {
    endpoint = await startEndpoint('sharp', { MAX_CONCURRENT: '1', MAX_QUEUE: '0' });
  });
  after(() => endpoint.close());

  it('describes exactly the routes it serves in /openapi.json (OpenAPI 3.1)', async () => {
    const document = (await (await fetch(`${endpoint.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    assert.equal(document.openapi, '3.1.0');
    const documented = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    const expected = documented.map((entry) => entry.replace(/\{(\w+)\}/g, ':$1')).sort();
    const actual = [...endpoint.app.routeList].sort();
    assert.ok(actual.length > 0);
    assert.deepEqual(actual.sort(), expected);
  });

  it('exposes Prometheus metrics: uploads by outcome, processing latency, queue depth', async () => {
    await endpoint.upload(fixture('rocket.jpg'));
    await endpoint.upload({ image: dataUri(fixture('truncated.jpg'), 'image/jpeg') });
    const text = await (await fetch(`${endpoint.url}/metrics`)).text();
    assert.match(text, /avatars_uploads_total\{outcome="stored"\} 1/);
    assert.match(text, /avatars_uploads_total\{outcome="undecodable"\} 1/);
    assert.match(text, /avatars_processing_seconds_count\{processor="sharp"\} 1/);
    assert.match(text, /avatars_queue_depth 0/);
  });

  it('answers overload with 503 and Retry-After instead of queueing without bound', async () => {
    const responses = await Promise.all(Array.from({ length: 6 }, () => endpoint.upload(fixture('wood-l.webp'))));
    const statuses = responses.map((response) => response.status);
    assert.ok(statuses.includes(201), `statuses: ${statuses}`);
    const refused = responses.filter((response) => response.status === 503);
    assert.ok(refused.length > 0, `statuses: ${statuses}`);
    assert.equal(refused[0]!.headers.get('retry-after'), '5');
    assert.equal(((await refused[0]!.json()) as { error: { code: string } }).error.code, 'busy');
  });
});
