import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';
import { freePort, startImgproxy, type RunningImgproxy } from './imgproxy.ts';

export interface FaultyImgproxy {
  imgproxy: RunningImgproxy;
  /** Between the endpoint and imgproxy: alters imgproxy's answers. */
  front: FaultProxy;
  /** Between imgproxy and the endpoint's private source listener: holds imgproxy mid-request. */
  source: FaultProxy;
  /** Settings that point an endpoint at imgproxy through both proxies. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * imgproxy (real or stand-in) wired as in production, except that a fault proxy sits on each of the
 * two connections: endpoint -> front -> imgproxy -> source -> endpoint's source listener.
 */
export async function startFaultyImgproxy(): Promise<FaultyImgproxy> {
  const sourcePort = await freePort();
  const source = await startFaultProxy(`http://127.0.0.1:${sourcePort}`);
  const imgproxy = await startImgproxy(`${source.url}/`);
  const front = await startFaultProxy(imgproxy.url);
  return {
    imgproxy,
    front,
    source,
    env: {
      PROCESSOR: 'imgproxy',
      IMGPROXY_URL: front.url,
      IMGPROXY_KEY: imgproxy.key,
      IMGPROXY_SALT: imgproxy.salt,
      SOURCE_PORT: String(sourcePort),
      SOURCE_URL: source.url,
    },
    async stop() {
      await Promise.all([front.close(), source.close()]);
      await imgproxy.stop();
    },
  };
}
