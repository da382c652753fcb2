/**
 * A stand-in for imgproxy, used only when a real imgproxy cannot be built on the machine (the Go
 * module proxy reachable here refuses every imgproxy module version). It runs as its own process
 * and reproduces the imgproxy behaviour this project depends on (../shared/notes/imgproxy.md):
 *
 * - the same environment variables (IMGPROXY_BIND, _KEY, _SALT, _ALLOWED_SOURCES,
 *   _ALLOW_LOOPBACK_SOURCE_ADDRESSES, _MAX_SRC_RESOLUTION, _MAX_SRC_FILE_SIZE, _DOWNLOAD_TIMEOUT);
 * - signed URLs: base64url(HMAC-SHA256(key, salt + path)), 403 on a bad signature;
 * - the processing options our URLs use (rt/rs/w/h/el/g/f) and base64 or plain sources;
 * - the SSRF guard: sources outside the allowed prefixes, and loopback unless allowed, answer 404;
 * - limits: oversized or over-resolution sources answer 422, as do images whose loader refuses them;
 * - decoding as lenient as imgproxy's (libvips' default, no fail-on-error): a JPEG cut in half or a PNG
 *   with a bad CRC still becomes a picture, as it does with imgproxy v4.0.12 on libvips 8.14;
 * - imgproxy's split of libvips errors: a loader refusing the file ("<loader>load_source: ",
 *   "<format>2vips: ", "VipsJpeg: ", "XML parse error: ") answers 422 "Broken or unsupported image",
 *   any other libvips failure (a HEIF decoder error, a truncated AVIF item) 500 "Internal error";
 * - source errors: 4xx passed through, 5xx and timeouts answer 502/504; GET /health.
 *
 * Processing uses libvips (through sharp), the library imgproxy itself is built on. One known gap:
 * sharp's libheif has no HEVC decoder, so every HEVC-coded HEIC answers 500 "Internal error" here,
 * where a real imgproxy on Debian (libheif with libde265) decodes a valid one and answers 500 only
 * for a damaged one (both measured).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { createServer, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import sharp, { type Metadata } from 'sharp';

const env = process.env;
const key = Buffer.from(env.IMGPROXY_KEY ?? '', 'hex');
const salt = Buffer.from(env.IMGPROXY_SALT ?? '', 'hex');
const allowedSources = (env.IMGPROXY_ALLOWED_SOURCES ?? '').split(',').filter(Boolean);
const allowLoopback = env.IMGPROXY_ALLOW_LOOPBACK_SOURCE_ADDRESSES === 'true';
const maxResolution = Number(env.IMGPROXY_MAX_SRC_RESOLUTION ?? 50) * 1e6;
const maxFileSize = Number(env.IMGPROXY_MAX_SRC_FILE_SIZE ?? 0);
const downloadTimeout = Number(env.IMGPROXY_DOWNLOAD_TIMEOUT ?? 5) * 1000;
const [host, port] = (env.IMGPROXY_BIND ?? ':8080').split(/:(?=\d+$)/);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Options {
  resizingType: string;
  width: number;
  height: number;
  enlarge: boolean;
  gravity: string;
  format: string;
}

const truthy = (value: string | undefined) => value === '1' || value === 't' || value === 'true';

function parseOptions(segments: string[]): Options {
  const options: Options = { resizingType: 'fit', width: 0, height: 0, enlarge: false, gravity: 'ce', format: '' };
  for (const segment of segments) {
    const [name, ...args] = segment.split(':');
    switch (name) {
      case 'rs': case 'resize': case 's': case 'size':
        if (name.startsWith('r') && args[0]) options.resizingType = args.shift()!;
        if (args[0]) options.width = Number(args[0]);
        if (args[1]) options.height = Number(args[1]);
        if (args[2]) options.enlarge = truthy(args[2]);
        break;
      case 'rt': case 'resizing_type': options.resizingType = args[0] ?? 'fit'; break;
      case 'w': case 'width': options.width = Number(args[0]); break;
      case 'h': case 'height': options.height = Number(args[0]); break;
      case 'el': case 'enlarge': options.enlarge = truthy(args[0]); break;
      case 'g': case 'gravity': options.gravity = args[0] ?? 'ce'; break;
      case 'f': case 'format': case 'ext': options.format = args[0] ?? ''; break;
      // Metadata is always stripped here. Real imgproxy keeps EXIF Artist/Copyright unless kcr:0,
      // which is why the endpoint's URLs always send sm:1/kcr:0.
      case 'sm': case 'strip_metadata': case 'kcr': case 'keep_copyright': break;
      default: throw new HttpError(404, 'Invalid URL');
    }
  }
  if (!['fit', 'fill', 'force', 'auto'].includes(options.resizingType)) throw new HttpError(404, 'Invalid URL');
  return options;
}

function checkSignature(signature: string, path: string): void {
  if (key.length === 0) return; // imgproxy without a key accepts any signature: never run it like that
  const expected = createHmac('sha256', key).update(salt).update(path).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new HttpError(403, 'Forbidden');
}

function parseSource(rest: string[]): { url: string; extension: string } {
  if (rest[0] === 'plain') {
    const joined = rest.slice(1).join('/');
    const at = joined.lastIndexOf('@');
    return { url: decodeURIComponent(at >= 0 ? joined.slice(0, at) : joined), extension: at >= 0 ? joined.slice(at + 1) : '' };
  }
  const joined = rest.join('');
  const dot = joined.indexOf('.');
  const encoded = dot >= 0 ? joined.slice(0, dot) : joined;
  return { url: Buffer.from(encoded, 'base64url').toString('utf8'), extension: dot >= 0 ? joined.slice(dot + 1) : '' };
}

function isLoopbackOrLinkLocal(address: string): boolean {
  const v4 = address.replace(/^::ffff:/, '');
  if (isIP(v4) === 4) return v4.startsWith('127.') || v4.startsWith('169.254.') || v4 === '0.0.0.0';
  return address === '::1' || address === '::' || /^fe[89ab]/i.test(address);
}

async function download(url: string): Promise<Buffer> {
  if (allowedSources.length > 0 && !allowedSources.some((prefix) => url.startsWith(prefix))) {
    throw new HttpError(404, 'Invalid source URL');
  }
  const parsed = new URL(url);
  if (!/^https?:$/.test(parsed.protocol)) throw new HttpError(404, 'Invalid source URL');
  const hostname = parsed.hostname.replace(/^\[|\]$/g, '');
  const { address } = isIP(hostname) ? { address: hostname } : await lookup(hostname);
  if (!allowLoopback && isLoopbackOrLinkLocal(address)) throw new HttpError(404, 'Invalid source URL');

  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(downloadTimeout), redirect: 'error' });
  } catch (error) {
    throw (error as Error).name === 'TimeoutError' ? new HttpError(504, 'The source image download timed out') : new HttpError(404, 'Source is unreachable');
  }
  if (response.status >= 500) throw new HttpError(502, `Source responded with ${response.status}`);
  if (!response.ok) throw new HttpError(response.status, 'Source is unreachable');
  const bytes = Buffer.from(await response.arrayBuffer());
  if (maxFileSize > 0 && bytes.length > maxFileSize) throw new HttpError(422, 'Invalid source image');
  return bytes;
}

/** The loader messages imgproxy reports as the image's fault (422); every other libvips error is a 500. */
const LOADER_REFUSED = [/^\S+load_source: /, /^\S+2vips: /, /^VipsJpeg: /, /XML parse error: /];

function libvipsError(message: string): HttpError {
  // sharp prefixes some libvips messages with its own words, and names its stream "source: ".
  const text = message.replace(/^Input (buffer|file) has corrupt header: /, '').replace(/^source: /gm, '');
  return LOADER_REFUSED.some((pattern) => pattern.test(text)) ? new HttpError(422, 'Broken or unsupported image') : new HttpError(500, 'Internal error');
}

const gravities: Record<string, string> = { ce: 'centre', no: 'north', so: 'south', ea: 'east', we: 'west', sm: 'attention' };

async function transform(bytes: Buffer, options: Options, extension: string): Promise<{ body: Buffer; type: string }> {
  const format = (options.format || extension || 'png').replace('jpg', 'jpeg') as 'png' | 'jpeg' | 'webp' | 'avif';
  if (!['png', 'jpeg', 'webp', 'avif'].includes(format)) throw new HttpError(422, `Resulting image format is not supported: ${format}`);
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new HttpError(422, 'Broken or unsupported image');
  }
  const isSvg = metadata.format === 'svg';
  const width = metadata.width ?? 0;
  const height = metadata.pageHeight ?? metadata.height ?? 0;
  if (!isSvg && width * height > maxResolution) throw new HttpError(422, 'Invalid source image');
  // SVG sources are always rendered at the target size.
  const density = isSvg && width && height ? Math.min(72 * Math.max(options.width / width, options.height / height), 72 * 64) : undefined;
  try {
    const pipeline = sharp(bytes, { failOn: 'none', pages: 1, limitInputPixels: false, ...(density ? { density } : {}) })
      .rotate()
      .resize(options.width || null, options.height || null, {
        fit: options.resizingType === 'fill' ? 'cover' : options.resizingType === 'force' ? 'fill' : 'inside',
        position: gravities[options.gravity] ?? 'centre',
        withoutEnlargement: !options.enlarge && !isSvg,
      })
      .toColourspace('srgb');
    return { body: await pipeline.toFormat(format).toBuffer(), type: `image/${format}` };
  } catch (error) {
    throw libvipsError((error as Error).message);
  }
}

function reply(response: ServerResponse, status: number, body: Buffer | string, type = 'text/plain'): void {
  response.writeHead(status, { 'content-type': type, server: 'imgproxy-standin' }).end(body);
}

const server = createServer(async (request, response) => {
  const path = (request.url ?? '/').split('?')[0]!;
  try {
    if (path === '/health') return reply(response, 200, 'imgproxy is running');
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpError(405, 'Method not allowed');
    const [, signature = '', ...parts] = path.split('/');
    const sourceStart = parts.findIndex((part) => part === 'plain' || !part.includes(':'));
    if (sourceStart < 0) throw new HttpError(404, 'Invalid URL');
    checkSignature(signature, `/${parts.join('/')}`);
    const options = parseOptions(parts.slice(0, sourceStart));
    const source = parseSource(parts.slice(sourceStart));
    const result = await transform(await download(source.url), options, source.extension);
    return reply(response, 200, result.body, result.type);
  } catch (error) {
    if (error instanceof HttpError) return reply(response, error.status, error.message);
    return reply(response, 500, 'Internal error');
  }
});

server.listen(Number(port), host || undefined);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
