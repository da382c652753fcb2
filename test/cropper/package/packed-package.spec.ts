import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { type ConsumerProject, prepareConsumer, REPO, typeCheckConsumer } from './consumer-project.ts';

const PHOTO = join(REPO, '..', 'shared', 'fixtures', 'real', 'rocket.jpg');
const SQUARE_PHOTO = join(REPO, '..', 'shared', 'fixtures', 'real', 'astronaut.png');
const TOUCH_TARGET = 44;

let consumer: ConsumerProject;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  consumer = await prepareConsumer();
});

test.afterAll(async () => {
  await consumer?.close();
});

async function openPage(page: Page): Promise<Locator> {
  await page.goto(consumer.url);
  await page.waitForFunction(() => 'packed' in window);
  return page.locator('avatar-cropper');
}

async function startCropping(page: Page, photo = PHOTO): Promise<Locator> {
  const cropper = await openPage(page);
  await cropper.locator('input[type=file]').setInputFiles(photo);
  await expect(cropper).toHaveAttribute('state', 'cropping');
  return cropper;
}

test.describe('the packed element', () => {
  test('holds the element, its types and its manifest, and nothing of the server', () => {
    const paths = consumer.packed.map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'dist/avatar-cropper.js', 'dist/types/index.d.ts', 'dist/custom-elements.json']));
    const elementOwn = (path: string) =>
      ['package.json', 'README.md', 'dist/custom-elements.json'].includes(path) || path.startsWith('dist/avatar-cropper.') || path.startsWith('dist/types/');
    expect(paths.filter((path) => !elementOwn(path)), 'no bridge, demo or server files').toEqual([]);
  });

  test('type-checks a consumer against its .d.ts (lit\'s types resolve from the consumer\'s install)', async () => {
    const { ok, output } = await typeCheckConsumer(consumer.dir);
    expect(output).toBe('');
    expect(ok).toBe(true);
  });

  test('defines <avatar-cropper> when a Vite app imports it, with its manifest importable too', async ({ page }) => {
    await openPage(page);
    const packed = await page.evaluate(() => (window as unknown as { packed: { defined: boolean; confirmLabel: string; tags: string[] } }).packed);
    expect(packed.defined).toBe(true);
    expect(packed.confirmLabel).toBe('Confirm');
    expect(packed.tags).toContain('avatar-cropper');
  });

  test('crops a photo and submits it with the form, even when Save is pressed while still cropping', async ({ page }) => {
    const cropper = await startCropping(page);
    await page.locator('#save').click();
    await expect(cropper).toHaveAttribute('state', 'done');
    const submits = await page.waitForFunction(() => {
      const { submits } = (window as unknown as { packed: { submits: { submitter: string; type: string; size: number }[] } }).packed;
      return submits.length ? submits : null;
    });
    const [submit, ...more] = (await submits.jsonValue()) as { submitter: string; type: string; size: number }[];
    expect(more).toEqual([]);
    expect(submit).toMatchObject({ submitter: 'save', type: 'image/webp' });
    expect(submit!.size).toBeGreaterThan(1000);
  });

  test('confirm() resolves with the cropped File', async ({ page }) => {
    const cropper = await startCropping(page);
    const file = await cropper.evaluate(async (element: HTMLElement & { confirm(): Promise<File | null> }) => {
      const result = await element.confirm();
      return result && { name: result.name, type: result.type };
    });
    expect(file).toEqual({ name: 'avatar.webp', type: 'image/webp' });
  });
});

test.describe('on a 390x844 touch phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  /** Every box is at least 44 x 44 CSS px. */
  async function expectTouchSized(targets: Locator, what: string): Promise<void> {
    const boxes = await targets.evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().toJSON() as DOMRect));
    expect(boxes.length, `${what}: some are shown`).toBeGreaterThan(0);
    for (const box of boxes) {
      expect(box.width, `${what} width`).toBeGreaterThanOrEqual(TOUCH_TARGET);
      expect(box.height, `${what} height`).toBeGreaterThanOrEqual(TOUCH_TARGET);
    }
  }

  test('the page is a coarse-pointer page (else the sizes below prove nothing)', async ({ page }) => {
    await openPage(page);
    expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
  });

  test('every button is at least 44 px when empty, cropping and done', async ({ page }) => {
    const cropper = await openPage(page);
    await expectTouchSized(cropper.locator('button'), 'empty: buttons');
    await cropper.locator('input[type=file]').setInputFiles(PHOTO);
    await expect(cropper).toHaveAttribute('state', 'cropping');
    await expectTouchSized(cropper.locator('button'), 'cropping: buttons');
    await expectTouchSized(cropper.locator('[part~="zoom"] input'), 'cropping: zoom slider');
    await cropper.locator('[part~="confirm-button"]').click();
    await expect(cropper).toHaveAttribute('state', 'done');
    await expectTouchSized(cropper.locator('button'), 'done: buttons');
  });

  for (const photo of [PHOTO, SQUARE_PHOTO]) {
    test(`handles are 44 px and whole inside the stage (${photo.split('/').pop()})`, async ({ page }) => {
      const cropper = await startCropping(page, photo);
      const handles = cropper.locator('[part~="handle"]');
      await expect(handles).toHaveCount(4);
      await expectTouchSized(handles, 'handles');
      const stage = (await cropper.locator('[part~="stage"]').boundingBox())!;
      for (const box of await handles.evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().toJSON() as DOMRect))) {
        expect(box.left).toBeGreaterThanOrEqual(stage.x);
        expect(box.top).toBeGreaterThanOrEqual(stage.y);
        expect(box.right).toBeLessThanOrEqual(stage.x + stage.width);
        expect(box.bottom).toBeLessThanOrEqual(stage.y + stage.height);
      }
    });
  }

  test('a drag on a handle resizes the square and it stays inside the image', async ({ page }) => {
    const cropper = await startCropping(page);
    const selection = cropper.locator('[part~="selection"]');
    const before = (await selection.boundingBox())!;
    const handle = (await cropper.locator('[part~="handle"]').nth(3).boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x - 60, handle.y - 60, { steps: 4 });
    await page.mouse.up();
    const after = (await selection.boundingBox())!;
    expect(after.width).toBeLessThan(before.width - 30);
    const image = (await cropper.locator('[part~="image"]').boundingBox())!;
    expect(after.x).toBeGreaterThanOrEqual(image.x - 0.5);
    expect(after.y).toBeGreaterThanOrEqual(image.y - 0.5);
  });
});
