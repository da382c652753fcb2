import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does to each answer that passes through it (requests for `/health` always pass,
 * so a health check sees the real upstream):
 * - `pass`: nothing;
 * - `hold`: keeps the answer until `release()`, or until the client goes away;
 * - `delay`: sends the answer only after `ms`;
 * - `stall-body`: sends the status, the headers and half the body, then nothing more;
 * - `truncate`: sends the status, the headers and half the body, then drops the connection;
 * - `replace`: answers with `body` (and `status`, default 200) instead of the upstream's answer;
 * - `endless`: answers 200 with a body that never ends, for as long as the client reads it.
 */
export type Fault =
  | { kind: 'pass' }
  | { kind: 'hold' }
  | { kind: 'delay'; ms: number }
  | { kind: 'stall-body' }
  | { kind: 'truncate' }
  | { kind: 'replace'; body: Buffer; contentType: string; status?: number }
  | { kind: 'endless'; contentType: string };

export interface FaultProxy {
  /** Base URL of the proxy, on 127.0.0.1. */
  readonly url: string;
  fault: Fault;
  /** Resolves once the next faulted request has been answered by the upstream and is being held or altered. */
  nextFaulted(): Promise<void>;
  /** Lets held answers go through. */
  release(): void;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'te', 'trailer']);

function endToEnd(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  return kept;
}

/**
 * An HTTP proxy on loopback in front of `upstream` that misbehaves on demand. When the upstream
 * connection fails (refused, or the upstream process dies), the client's connection is dropped too,
 * so the client sees what it would see without the proxy.
 */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const releases = new Set<() => void>();
  const waiting: Array<() => void> = [];
  const timers = new Set<NodeJS.Timeout>();

  const proxy = {
    url: '',
    fault: { kind: 'pass' } as Fault,
    nextFaulted: () => new Promise<void>((resolve) => waiting.push(resolve)),
    release() {
      for (const release of [...releases]) release();
    },
    async close() {
      proxy.release();
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  /** Resolves when `ms` passed or the answer was released (true), or when the client went away (false). */
  const wait = (response: ServerResponse, ms?: number) =>
    new Promise<boolean>((resolve) => {
      const done = (sent: boolean) => {
        releases.delete(release);
        if (timer) timers.delete(timer);
        clearTimeout(timer);
        response.off('close', gone);
        resolve(sent);
      };
      const release = () => done(true);
      const gone = () => done(false);
      const timer = ms === undefined ? undefined : setTimeout(release, ms);
      if (timer) timers.add(timer);
      else releases.add(release);
      response.once('close', gone);
    });

  const answer = async (fault: Fault, upstreamResponse: IncomingMessage, body: Buffer, response: ServerResponse) => {
    const status = upstreamResponse.statusCode ?? 502;
    const headers = { ...endToEnd(upstreamResponse.headers), 'content-length': String(body.length) };
    if (fault.kind !== 'pass') for (const notify of waiting.splice(0)) notify();
    switch (fault.kind) {
      case 'pass':
        return response.writeHead(status, headers).end(body);
      case 'hold':
        if (await wait(response)) response.writeHead(status, headers).end(body);
        return;
      case 'delay':
        if (await wait(response, fault.ms)) response.writeHead(status, headers).end(body);
        return;
      case 'stall-body':
        response.writeHead(status, headers).write(body.subarray(0, body.length >> 1));
        return;
      case 'truncate':
        response.writeHead(status, headers).write(body.subarray(0, body.length >> 1), () => response.socket?.destroy());
        return;
      case 'replace':
        return response.writeHead(fault.status ?? 200, { 'content-type': fault.contentType, 'content-length': String(fault.body.length) }).end(fault.body);
      case 'endless': {
        response.writeHead(200, { 'content-type': fault.contentType });
        const chunk = Buffer.alloc(64 * 1024, 0x89);
        const more = () => {
          while (!response.destroyed && response.write(chunk));
        };
        response.on('drain', more);
        more();
        return;
      }
    }
  };

  const server = createServer((request, response) => {
    const fault: Fault = request.url === '/health' ? { kind: 'pass' } : proxy.fault;
    const forwarded = httpRequest(
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: endToEnd(request.headers), agent: false },
      (upstreamResponse) => {
        const chunks: Buffer[] = [];
        upstreamResponse.on('data', (chunk: Buffer) => chunks.push(chunk));
        upstreamResponse.on('end', () => void answer(fault, upstreamResponse, Buffer.concat(chunks), response));
        upstreamResponse.on('error', () => response.socket?.destroy());
      },
    );
    forwarded.on('error', () => response.socket?.destroy());
    request.pipe(forwarded);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
