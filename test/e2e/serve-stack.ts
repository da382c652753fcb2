/**
 * Starts what the end-to-end tests run against: the demo (endpoint + authentik emulation) with the
 * sharp processor, with imgproxy in front (`imgproxy` argument), or, with `s3-replicas`, the demo
 * alone calling two endpoint replicas on one SeaweedFS bucket through a round-robin proxy on
 * REPLICAS_PROXY_PORT. Configuration comes from the environment exactly as for `npm start`.
 */
import { freePort, startImgproxy } from '../support/imgproxy.ts';
import { startS3ReplicaStack } from '../support/s3-replica-stack.ts';

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
} else if (mode === 's3-replicas') {
  // No replica cache: every image request reads the bucket, so an avatar removed through one replica is
  // gone from the other at once (with a cache it would be within S3_CACHE_MAX_AGE, which the specs do not wait for).
  const stack = await startS3ReplicaStack({ token: process.env.AVATARS_TOKEN ?? '', proxyPort: Number(process.env.REPLICAS_PROXY_PORT), env: { VARIANT_CACHE_MB: '0' } });
  process.env.AVATARS_URL = stack.url;
  process.env.PROCESSOR = 'sharp';
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`[s3-replicas] requests per replica: ${stack.proxy.served.join(', ')}`);
      void stack.stop().finally(() => process.exit(0));
    });
  }
} else {
  process.env.PROCESSOR = 'sharp';
}
await import('../../demo/serve.ts');
