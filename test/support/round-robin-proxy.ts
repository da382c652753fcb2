import { createServer, request as forward, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  /** e.g. http://127.0.0.1:18486 */
  readonly url: string;
  /** Requests handed to each upstream so far, in the order of `upstreams`. */
  readonly served: number[];
  /** Sets (or replaces) the replicas requests go to; until then every request answers 503. */
  setUpstreams(urls: string[]): void;
  close(): Promise<void>;
}

// Hop-by-hop headers (RFC 9110 7.6.1) belong to one connection and are not forwarded.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);
const endToEnd = (headers: IncomingHttpHeaders) => Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));

/**
 * A load balancer for tests: each request goes to the next upstream in turn (no affinity, no
 * health checks), streamed both ways. Answers carry `x-served-by: <index>`, so a test can see
 * which replica answered. An upstream that cannot be reached answers 502. Loopback only.
 */
export async function startRoundRobinProxy(port = 0): Promise<RoundRobinProxy> {
  let upstreams: URL[] = [];
  let next = 0;
  const served: number[] = [];
  const server = createServer((incoming, outgoing) => {
    if (upstreams.length === 0) {
      outgoing.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' }).end('no upstream yet');
      return;
    }
    const index = next++ % upstreams.length;
    served[index] = (served[index] ?? 0) + 1;
    const target = upstreams[index]!;
    const upstream = forward({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: endToEnd(incoming.headers) }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, { ...endToEnd(answer.headers), 'x-served-by': String(index) });
      answer.pipe(outgoing);
    });
    upstream.on('error', (error) => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain', 'x-served-by': String(index) }).end(`upstream ${index}: ${error.message}`);
      else outgoing.destroy(error);
    });
    incoming.on('aborted', () => upstream.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    served,
    setUpstreams(urls) {
      upstreams = urls.map((value) => new URL(value));
      served.length = 0;
      for (let i = 0; i < urls.length; i++) served.push(0);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
