import { spawnEndpoint, type EndpointProcess } from './endpoint-process.ts';
import { freePort } from './imgproxy.ts';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy.ts';
import { startSeaweedfs, type RunningSeaweedfs } from './seaweedfs.ts';

export interface S3ReplicaStack {
  /** The round-robin proxy in front of the replicas: what AVATARS_URL and PUBLIC_URL name. */
  url: string;
  proxy: RoundRobinProxy;
  replicas: EndpointProcess[];
  weed: RunningSeaweedfs;
  stop(): Promise<void>;
}

/**
 * `count` endpoint processes (`src/server/main.ts`, sharp) sharing one bucket on a real SeaweedFS,
 * behind a round-robin proxy on `proxyPort`. Every replica's PUBLIC_URL is the proxy, so returned
 * avatar URLs, image requests and API calls alternate between replicas.
 */
export async function startS3ReplicaStack(options: { token: string; proxyPort?: number; count?: number; env?: Record<string, string> }): Promise<S3ReplicaStack> {
  const weed = await startSeaweedfs();
  const replicas: EndpointProcess[] = [];
  let proxy: RoundRobinProxy | undefined;
  const stop = async () => {
    await proxy?.close();
    await Promise.all(replicas.map((replica) => replica.kill('SIGTERM')));
    await weed.close();
  };
  try {
    await weed.createBucket('avatars');
    proxy = await startRoundRobinProxy(options.proxyPort ?? 0);
    for (let i = 0; i < (options.count ?? 2); i++) {
      replicas.push(
        await spawnEndpoint({
          ...(weed.env('avatars') as Record<string, string>),
          PORT: String(await freePort()),
          PUBLIC_URL: proxy.url,
          AVATARS_TOKEN: options.token,
          PROCESSOR: 'sharp',
          LOG_LEVEL: 'warn',
          ...options.env,
        }),
      );
    }
    proxy.setUpstreams(replicas.map((replica) => replica.url));
    return { url: proxy.url, proxy, replicas, weed, stop };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}
