import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';

interface Ticket {
  bytes: Buffer;
  type: string;
  timer: NodeJS.Timeout;
}

/**
 * Hands upload bytes to imgproxy, which can only fetch images by URL. Each upload gets a random,
 * single-use URL on a private listener; the bytes live only in memory and vanish after one fetch
 * or when the ticket expires. Nothing is ever written to disk or served on the public port.
 */
export class SourceTickets {
  readonly #tickets = new Map<string, Ticket>();
  readonly #server: Server;

  constructor(
    private readonly baseUrl: string,
    private readonly ttlMs = 30_000,
  ) {
    this.#server = createServer((request, response) => {
      const match = /^\/s\/([A-Za-z0-9_-]{43})$/.exec(request.url ?? '');
      const ticket = match && request.method === 'GET' ? this.#take(match[1]!) : undefined;
      if (!ticket) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      response.writeHead(200, { 'content-type': ticket.type, 'content-length': ticket.bytes.length, 'cache-control': 'no-store' });
      response.end(ticket.bytes);
    });
  }

  async listen(host: string, port: number): Promise<void> {
    this.#server.listen(port, host);
    await once(this.#server, 'listening');
  }

  /** Registers bytes and returns the one URL that serves them, once. */
  issue(bytes: Buffer, type: string): { url: string; revoke: () => void } {
    const id = randomBytes(32).toString('base64url');
    const timer = setTimeout(() => this.#tickets.delete(id), this.ttlMs);
    timer.unref();
    this.#tickets.set(id, { bytes, type, timer });
    return { url: `${this.baseUrl}/s/${id}`, revoke: () => this.#take(id) };
  }

  get pending(): number {
    return this.#tickets.size;
  }

  #take(id: string): Ticket | undefined {
    const ticket = this.#tickets.get(id);
    if (ticket) {
      clearTimeout(ticket.timer);
      this.#tickets.delete(id);
    }
    return ticket;
  }

  async close(): Promise<void> {
    for (const id of [...this.#tickets.keys()]) this.#take(id);
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
