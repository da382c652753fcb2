import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BodyBudget } from '../../src/server/body-budget.ts';
import { AvatarError } from '../../src/server/errors.ts';

const settled = async <T>(promise: Promise<T>) => {
  let done = false;
  void promise.then(() => (done = true), () => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe('the upload memory budget', () => {
  it('lets bodies in while they fit, and makes the next one wait unread until room is released', async () => {
    const budget = new BodyBudget(100, 4);
    const releaseA = await budget.reserve(60);
    await budget.reserve(40);
    const third = budget.reserve(30);
    assert.equal(await settled(third), false, 'the third body waits');
    releaseA();
    assert.equal(await settled(third), true);
    assert.equal(budget.inUse, 70);
  });

  it('serves waiters first come, first served: a small late body does not overtake a large early one', async () => {
    const budget = new BodyBudget(100, 4);
    const release = await budget.reserve(90);
    const order: string[] = [];
    const large = budget.reserve(80).then(() => order.push('large'));
    const small = budget.reserve(5).then(() => order.push('small'));
    assert.equal(await settled(small), false);
    release();
    await Promise.all([large, small]);
    assert.deepEqual(order, ['large', 'small']);
  });

  it('answers 503 busy with nothing reserved once too many uploads already wait', async () => {
    const budget = new BodyBudget(10, 1);
    await budget.reserve(10);
    void budget.reserve(10);
    await assert.rejects(budget.reserve(1), (error: unknown) => error instanceof AvatarError && error.status === 503 && error.code === 'busy');
    assert.equal(budget.inUse, 10);
  });

  it('lets a body larger than the whole budget in alone, and a release counts once', async () => {
    const budget = new BodyBudget(10, 2);
    const release = await budget.reserve(1000);
    assert.equal(budget.inUse, 10);
    release();
    release();
    assert.equal(budget.inUse, 0);
  });
});
