/**
 * Starts what the end-to-end tests run against: the demo (endpoint + authentik emulation) with the
 * sharp processor, or with imgproxy in front (`imgproxy` argument). Configuration comes from the
 * environment exactly as for `npm start`.
 */
import { freePort, startImgproxy } from '../support/imgproxy.ts';

const mode = process.argv[2] ?? 'sharp';
if (mode === 'imgproxy') {
  const sourcePort = await freePort();
  const imgproxy = await startImgproxy(`http://127.0.0.1:${sourcePort}/`);
  Object.assign(process.env, {
    PROCESSOR: 'imgproxy',
    IMGPROXY_URL: imgproxy.url,
    IMGPROXY_KEY: imgproxy.key,
    IMGPROXY_SALT: imgproxy.salt,
    SOURCE_PORT: String(sourcePort),
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'exit'] as const) process.once(signal, () => void imgproxy.stop());
} else {
  process.env.PROCESSOR = 'sharp';
}
await import('../../demo/serve.ts');
