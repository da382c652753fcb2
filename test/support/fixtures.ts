import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The real images in ../shared/fixtures/real (beside the repository, also in CI). */
export const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/real/', import.meta.url));

if (!existsSync(FIXTURES)) {
  throw new Error(`Real fixtures not found at ${FIXTURES}: the tests expect the shared/ folder beside the repository.`);
}

export const fixture = (name: string): Buffer => readFileSync(FIXTURES + name);

/** Every real image fixture that must become a 1024x1024 PNG, with its MIME type. */
export const DECODABLE = [
  ['astronaut.png', 'image/png'],
  ['chelsea.png', 'image/png'],
  ['coffee.png', 'image/png'],
  ['rocket.jpg', 'image/jpeg'],
  ['hubble_deep_field.jpg', 'image/jpeg'],
  ['retina.jpg', 'image/jpeg'],
  ['wood-l.webp', 'image/webp'],
  ['blobs-l.svg', 'image/svg+xml'],
  ['dune-l.svg', 'image/svg+xml'],
] as const;
