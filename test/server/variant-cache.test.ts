import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VariantCache } from '../../src/server/variant-cache.ts';

describe('the variant cache', () => {
  it('never holds more bytes than its bound', async () => {
    const cache = new VariantCache(10_000);
    for (let i = 0; i < 50; i++) await cache.get(`k${i}`, async () => Buffer.alloc(1_000));
    assert.ok(cache.bytes <= 10_000, `${cache.bytes} bytes cached`);
    assert.equal(cache.entries, 10);
  });

  it('computes a variant once even when many ask at the same time', async () => {
    const cache = new VariantCache(10_000);
    let computed = 0;
    const make = async () => {
      computed++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return Buffer.from('x');
    };
    await Promise.all(Array.from({ length: 8 }, () => cache.get('same', make)));
    assert.equal(computed, 1);
  });

  it('forgets every size of a deleted avatar', async () => {
    const cache = new VariantCache(10_000);
    await cache.get('abc:64', async () => Buffer.from('a'));
    await cache.get('abd:64', async () => Buffer.from('b'));
    cache.delete('abc:');
    assert.equal(cache.entries, 1);
  });
});
