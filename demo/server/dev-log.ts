import { Writable } from 'node:stream';
import type { FastifyServerOptions } from 'fastify';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

interface LogLine {
  level: number;
  time: number;
  msg?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  reqId?: string;
  [field: string]: unknown;
}

/** One short line per log entry; requests only when they went wrong (Fastify logs every request twice). */
export function formatDevLine(line: LogLine, requests: Map<string, string>): string | null {
  if (line.msg === 'incoming request') {
    if (line.reqId && line.req) requests.set(line.reqId, `${line.req.method} ${line.req.url}`);
    return null;
  }
  const clock = new Date(line.time).toISOString().slice(11, 19);
  const level = LEVELS[line.level] ?? String(line.level);
  if (line.msg === 'request completed') {
    const request = line.reqId ? requests.get(line.reqId) : undefined;
    if (line.reqId) requests.delete(line.reqId);
    const status = line.res?.statusCode ?? 0;
    if (status < 400) return null;
    return `${clock} ${status >= 500 ? 'ERROR' : 'WARN'} ${request ?? 'request'} -> ${status} (${Math.round(line.responseTime ?? 0)} ms)`;
  }
  const { level: _l, time: _t, msg, pid: _p, hostname: _h, reqId: _r, ...rest } = line;
  const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
  return `${clock} ${level} ${msg ?? ''}${extra}`;
}

/**
 * `npm start`'s logger: JSON lines (pino, as in production) when NODE_ENV=production, else short
 * readable lines with successful requests left out, so "Demo ready" stays visible.
 */
export function demoLogger(level: string): FastifyServerOptions['logger'] {
  const base = { level, redact: ['req.headers.authorization'] };
  if (process.env.NODE_ENV === 'production') return base;
  const requests = new Map<string, string>();
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n')) {
        if (!text) continue;
        let line: LogLine;
        try {
          line = JSON.parse(text) as LogLine;
        } catch {
          process.stdout.write(`${text}\n`);
          continue;
        }
        const formatted = formatDevLine(line, requests);
        if (formatted) process.stdout.write(`${formatted}\n`);
      }
      done();
    },
  });
  return { ...base, stream };
}
