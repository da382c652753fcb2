import { connect, createServer, type Socket } from 'node:net';

export interface CuttingProxy {
  url: string;
  /** When set, a connection is dropped (both ways) once the client has sent this many bytes. */
  cutAfterBytes: number | undefined;
  close(): Promise<void>;
}

/** A TCP proxy on loopback that can drop connections in the middle of a request body (a PUT failing mid-upload). */
export async function startCuttingProxy(upstreamPort: number): Promise<CuttingProxy> {
  const sockets = new Set<Socket>();
  const proxy: CuttingProxy = { url: '', cutAfterBytes: undefined, close: async () => {} };
  const server = createServer((client) => {
    const upstream = connect(upstreamPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let sent = 0;
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      const limit = proxy.cutAfterBytes;
      if (limit !== undefined && sent > limit) {
        upstream.write(chunk.subarray(0, Math.max(0, chunk.length - (sent - limit))), drop);
        return;
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
    for (const socket of [client, upstream]) socket.on('error', drop).on('close', () => sockets.delete(socket));
    client.on('end', () => upstream.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return proxy;
}
