import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm, rmdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import sharp from 'sharp';
import { assertIntact, filesUnder, health, refusal, storedFilesOf } from '../support/avatar-state.ts';
import { dataUri, DEFAULT_OWNER, startEndpoint, TOKEN, type TestEndpoint } from '../support/endpoint.ts';
import { spawnEndpoint } from '../support/endpoint-process.ts';
import { startFaultyImgproxy, type FaultyImgproxy } from '../support/faulty-imgproxy.ts';
import { fixture } from '../support/fixtures.ts';
import { freePort, imgproxyCommand } from '../support/imgproxy.ts';

/** The upload each fault interrupts; PREVIOUS is the avatar it would replace. */
const PREVIOUS = { image: dataUri(fixture('rocket.jpg'), 'image/jpeg') };
const NEXT = dataUri(fixture('chelsea.png'), 'image/png');
/** IMGPROXY_TIMEOUT_MS where a test waits for it to pass; elsewhere the default leaves imgproxy all the time it needs. */
const TIMEOUT_MS = 4000;

interface Setup {
  faulty: FaultyImgproxy;
  endpoint: TestEndpoint;
  /** URL of the avatar stored before the fault. */
  previous: string;
  /** The upload that meets the fault: NEXT, replacing `previous`. */
  replace(): Promise<Response>;
}

/** imgproxy behind fault proxies, an endpoint in imgproxy mode, and one avatar stored while all was well. */
async function setUp(t: TestContext, env: Record<string, string> = {}): Promise<Setup> {
  const faulty = await startFaultyImgproxy();
  const endpoint = await startEndpoint('imgproxy', { ...faulty.env, ...env });
  t.after(async () => {
    await endpoint.close();
    await faulty.stop();
  });
  const stored = await endpoint.upload(PREVIOUS);
  assert.equal(stored.status, 201, 'the avatar before the fault is stored');
  const { url: previous } = (await stored.json()) as { url: string };
  return { faulty, endpoint, previous, replace: () => endpoint.upload({ image: NEXT, previous }) };
}

/** What every fault must leave behind: the previous avatar whole, and not a single other file. */
async function assertNothingLost({ endpoint, previous }: Setup): Promise<void> {
  await assertIntact(previous, endpoint.config.dataDir);
  assert.deepEqual(await filesUnder(endpoint.config.dataDir), await storedFilesOf(endpoint.config.dataDir, previous));
}

const png = (width: number, height: number, format: 'png' | 'jpeg' = 'png') =>
  sharp({ create: { width, height, channels: 3, background: '#c0ffee' } }).toFormat(format).toBuffer();

describe(`faults of imgproxy (${imgproxyCommand().kind}) and of the endpoint: a clear error, nothing lost`, () => {
  it('imgproxy not running (nothing listens at IMGPROXY_URL): 503 processor-unavailable, /healthz degraded', async (t) => {
    const setup = await setUp(t);
    await setup.faulty.front.close();
    await setup.faulty.imgproxy.stop();

    const error = await refusal(await setup.replace());
    assert.deepEqual([error.status, error.code, error.retryAfter], [503, 'processor-unavailable', '5']);
    assert.match(error.message, /not available right now; your current avatar was kept\. Try again/);
    await assertNothingLost(setup);
    assert.deepEqual(await health(setup.endpoint.url), { status: 503, processorHealthy: false });
  });

  it('imgproxy killed (SIGKILL) while it fetches the upload: 503 processor-unavailable, /healthz degraded', async (t) => {
    const setup = await setUp(t);
    setup.faulty.source.fault = { kind: 'hold' };
    const fetching = setup.faulty.source.nextFaulted();
    const upload = setup.replace();
    await fetching;
    await setup.faulty.imgproxy.kill('SIGKILL');

    const error = await refusal(await upload);
    assert.deepEqual([error.status, error.code], [503, 'processor-unavailable']);
    await assertNothingLost(setup);
    assert.deepEqual(await health(setup.endpoint.url), { status: 503, processorHealthy: false });
  });

  it('the connection to imgproxy dropped halfway through its answer: 503 processor-unavailable', async (t) => {
    const setup = await setUp(t);
    setup.faulty.front.fault = { kind: 'truncate' };

    const error = await refusal(await setup.replace());
    assert.deepEqual([error.status, error.code], [503, 'processor-unavailable']);
    await assertNothingLost(setup);
    assert.deepEqual(await health(setup.endpoint.url), { status: 200, processorHealthy: true });
  });

  it(`imgproxy slower than IMGPROXY_TIMEOUT_MS (${TIMEOUT_MS} ms) to answer: 503 processor-timeout naming the limit`, async (t) => {
    const setup = await setUp(t, { IMGPROXY_TIMEOUT_MS: String(TIMEOUT_MS) });
    setup.faulty.front.fault = { kind: 'delay', ms: 60_000 };

    const error = await refusal(await setup.replace());
    assert.deepEqual([error.status, error.code, error.retryAfter], [503, 'processor-timeout', '5']);
    assert.match(error.message, new RegExp(`did not finish within ${TIMEOUT_MS / 1000} s; your current avatar was kept`));
    await assertNothingLost(setup);
    assert.deepEqual(await health(setup.endpoint.url), { status: 200, processorHealthy: true });
  });

  it('imgproxy stalling halfway through its answer beyond the timeout: 503 processor-timeout', async (t) => {
    const setup = await setUp(t, { IMGPROXY_TIMEOUT_MS: String(TIMEOUT_MS) });
    setup.faulty.front.fault = { kind: 'stall-body' };

    const error = await refusal(await setup.replace());
    assert.deepEqual([error.status, error.code], [503, 'processor-timeout']);
    await assertNothingLost(setup);
  });

  const garbage: [string, () => Promise<{ body: Buffer; contentType: string }>][] = [
    ['random bytes', async () => ({ body: randomBytes(64 * 1024), contentType: 'image/png' })],
    ['an HTML page', async () => ({ body: Buffer.from('<!doctype html><title>502 Bad Gateway</title><h1>nginx</h1>'), contentType: 'text/html' })],
    ['a PNG of the wrong size (512x512)', async () => ({ body: await png(512, 512), contentType: 'image/png' })],
    ['a PNG one pixel short (1024x1023)', async () => ({ body: await png(1024, 1023), contentType: 'image/png' })],
    ['a JPEG of the right size', async () => ({ body: await png(1024, 1024, 'jpeg'), contentType: 'image/png' })],
  ];
  for (const [what, make] of garbage) {
    it(`imgproxy answering 200 with ${what}: 502 processor-output-invalid, nothing stored`, async (t) => {
      const setup = await setUp(t);
      setup.faulty.front.fault = { kind: 'replace', ...(await make()) };

      const error = await refusal(await setup.replace());
      assert.deepEqual([error.status, error.code], [502, 'processor-output-invalid']);
      assert.match(error.message, /unusable result; your current avatar was kept/);
      await assertNothingLost(setup);
      assert.deepEqual(await health(setup.endpoint.url), { status: 200, processorHealthy: true });
    });
  }

  it('imgproxy answering 200 with a body that never ends: 502 processor-output-invalid once it passes any honest PNG size', async (t) => {
    const setup = await setUp(t);
    setup.faulty.front.fault = { kind: 'endless', contentType: 'image/png' };

    const error = await refusal(await setup.replace());
    assert.deepEqual([error.status, error.code], [502, 'processor-output-invalid']);
    await assertNothingLost(setup);
  });

  it('imgproxy answering 500: 503 processor-unavailable', async (t) => {
    const setup = await setUp(t);
    setup.faulty.front.fault = { kind: 'replace', status: 500, body: Buffer.from('Internal error'), contentType: 'text/plain' };

    const error = await refusal(await setup.replace());
    assert.deepEqual([error.status, error.code], [503, 'processor-unavailable']);
    await assertNothingLost(setup);
  });

  it('the endpoint killed (SIGKILL) mid-upload and restarted on the same DATA_DIR: nothing partial is served or kept', async (t) => {
    const faulty = await startFaultyImgproxy();
    const dataDir = await mkdtemp(join(tmpdir(), 'avatars-restart-'));
    const env = { ...faulty.env, PORT: String(await freePort()), AVATARS_TOKEN: TOKEN, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    let endpoint = await spawnEndpoint(env);
    t.after(async () => {
      await endpoint.kill('SIGKILL');
      await faulty.stop();
      await rm(dataDir, { recursive: true, force: true });
    });
    const upload = (body: unknown) =>
      fetch(`${endpoint.url}/api/v1/avatars`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ owner: DEFAULT_OWNER, ...(body as object) }) });
    const { url: previous } = (await (await upload(PREVIOUS)).json()) as { url: string };

    // imgproxy has answered, the proxy holds the answer: the endpoint is waiting on it when it dies.
    faulty.front.fault = { kind: 'hold' };
    const held = faulty.front.nextFaulted();
    const interrupted = upload({ image: NEXT, previous }).then(
      (response) => `answered ${response.status}`,
      () => 'connection lost',
    );
    await held;
    await endpoint.kill('SIGKILL');
    assert.equal(await interrupted, 'connection lost');
    faulty.front.fault = { kind: 'pass' };
    faulty.front.release();

    // A kill cannot be timed to land inside a write, so leave what one would: a half-written temporary file.
    const id = randomBytes(16).toString('hex');
    const partial = `.${id}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(join(dataDir, 'avatars', partial), (await png(1024, 1024)).subarray(0, 1000));

    endpoint = await spawnEndpoint(env);
    assert.deepEqual(await filesUnder(dataDir), await storedFilesOf(dataDir, previous), 'start-up removed the temporary file');
    assert.equal((await fetch(`${endpoint.url}/avatars/${partial}`)).status, 404);
    assert.equal((await fetch(`${endpoint.url}/avatars/${id}.png`)).status, 404);
    await assertIntact(previous, dataDir);
    assert.deepEqual(await health(endpoint.url), { status: 200, processorHealthy: true });

    const replaced = await upload({ image: NEXT, previous });
    assert.equal(replaced.status, 201, 'a new upload works after the restart');
    const { url: next } = (await replaced.json()) as { url: string };
    await assertIntact(next, dataDir);
    await assertIntact(previous, dataDir); // authentik names it until its user write stage has run
    assert.deepEqual(await filesUnder(dataDir), await storedFilesOf(dataDir, previous, next));
  });

  it('the disk full (a real ENOSPC on a 4 MB tmpfs): 507 storage-full, nothing half-written, then recovers', async (t) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'avatars-full-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dataDir], { stdio: 'pipe' });
    } catch (error) {
      await rmdir(dataDir);
      throw new Error(
        `The disk-full test mounts a 4 MB tmpfs on ${dataDir} to get a real ENOSPC, which needs root (CAP_SYS_ADMIN); run the suite as root, as CI does. mount said: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`,
      );
    }
    const unmount = async () => {
      execFileSync('umount', [dataDir]);
      await rmdir(dataDir);
    };
    const setup = await setUp(t, { DATA_DIR: dataDir }).catch(async (error: unknown) => {
      await unmount();
      throw error;
    });
    t.after(unmount);

    // Fill the disk, then give back 64 KB: the next avatar (about 2.4 MB) starts writing and runs out.
    const filler = join(dataDir, 'filler');
    const file = await open(filler, 'w');
    let size = 0;
    try {
      for (const chunk = Buffer.alloc(64 * 1024, 1); ; ) size += (await file.write(chunk)).bytesWritten;
    } catch (error) {
      assert.equal((error as NodeJS.ErrnoException).code, 'ENOSPC');
    }
    await file.truncate(Math.max(0, size - 64 * 1024));
    await file.close();

    const error = await refusal(await setup.replace());
    assert.deepEqual([error.status, error.code], [507, 'storage-full']);
    assert.match(error.message, /no disk space left, so the new avatar was not saved; your current avatar was kept\. Ask the administrator to free space/);
    await assertIntact(setup.previous, dataDir);
    assert.deepEqual(await filesUnder(dataDir), [...(await storedFilesOf(dataDir, setup.previous)), 'filler'].sort());
    assert.deepEqual(await health(setup.endpoint.url), { status: 200, processorHealthy: true });

    await rm(filler);
    assert.equal((await setup.replace()).status, 201, 'uploads work again once space is freed, without a restart');
  });
});
