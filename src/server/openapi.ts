import { variantSizes } from './variant-sizes.ts';
import type { Config } from './config.ts';

const errorSaying = (description: string) => ({
  description,
  content: {
    'application/json': {
      schema: { $ref: '#/components/schemas/Error' },
    },
  },
});
const error = errorSaying('An error a person can act on.');
const png = { description: 'A square PNG.', content: { 'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } } } };
const sizeQuery = (outputSize: number) => ({
  name: 'size',
  in: 'query',
  required: false,
  description: `Width and height in pixels: one of ${variantSizes(outputSize).join(', ')}; any other whole number redirects (301) to the next larger one.`,
  schema: { type: 'integer', minimum: 0, maximum: 999_999_999 },
});
const resized = { description: 'Moved to the next offered size (Location: ?size=N).' };

/** The OpenAPI 3.1 description of the endpoint; a test checks it lists exactly the routes the app serves. */
const ownerSchema = {
  type: 'string',
  pattern: '^(user|pending|directory|import):[!-~]+$',
  maxLength: 256,
  description: 'Whose avatar: `user:<authentik user uuid>`, `pending:<random>` (enrollment), `directory:<source>:<id>` or `import:<name>`.',
} as const;

export function openApiDocument(config: Config) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'authentik-avatars',
      version: '1',
      description: 'Normalizes uploaded avatars to square PNGs and serves them at stable URLs.',
    },
    servers: [{ url: config.publicUrl }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
        },
        Stored: {
          type: 'object',
          required: ['url', 'width', 'height', 'type', 'stored'],
          properties: {
            url: { type: 'string', format: 'uri' },
            width: { type: 'integer' },
            height: { type: 'integer' },
            type: { const: 'image/png' },
            stored: { type: 'boolean', description: 'false when the upload equals the owner\'s current avatar and nothing was stored' },
          },
        },
      },
    },
    paths: {
      '/healthz': {
        get: {
          summary: 'Liveness and processor health',
          responses: {
            '200': { description: 'Healthy', content: { 'application/json': { schema: { type: 'object' } } } },
            '503': { description: 'The processor is unavailable', content: { 'application/json': { schema: { type: 'object' } } } },
          },
        },
      },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { '200': { description: 'Metrics', content: { 'text/plain': { schema: { type: 'string' } } } } } } },
      '/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } } } },
      '/bridge.js': {
        get: {
          summary: 'The authentik bridge module script',
          responses: { '200': { description: 'JavaScript', content: { 'text/javascript': { schema: { type: 'string' } } } }, '404': error },
        },
      },
      '/api/v1/avatars': {
        post: {
          summary: 'Normalize and store an avatar',
          security: [{ bearer: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['image', 'owner'],
                  properties: {
                    image: { type: 'string', pattern: '^[Dd][Aa][Tt][Aa]:', description: 'data:<type>;base64,<payload>; the declared type is ignored.' },
                    owner: ownerSchema,
                    previous: {
                      type: ['string', 'null'],
                      description: 'URL of the avatar authentik names for this owner now. Kept (the flow may still fail); the owner\'s other avatars older than 10 minutes are removed. Never touched when it is another owner\'s.',
                    },
                    client: { type: ['string', 'null'], description: 'authentik\'s client address, for the limits on anonymous (pending) uploads.' },
                  },
                },
              },
              'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
              'image/*': { schema: { type: 'string', contentMediaType: 'image/*' } },
            },
          },
          parameters: [
            { name: 'owner', in: 'query', required: false, description: 'With a raw image body: the owner (see the JSON body).', schema: ownerSchema },
            { name: 'previous', in: 'query', required: false, description: 'With a raw image body: the current avatar URL.', schema: { type: 'string' } },
            { name: 'client', in: 'query', required: false, description: 'With a raw image body: the client address.', schema: { type: 'string' } },
          ],
          responses: {
            '200': { description: 'The same picture as the owner\'s `previous`: its URL, nothing stored (`stored: false`)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Stored' } } } },
            '201': { description: 'Stored', content: { 'application/json': { schema: { $ref: '#/components/schemas/Stored' } } } },
            '400': error,
            '429': errorSaying('`too-many-uploads` (one client, pending owner) or `too-many-pending` (all pending avatars together); with Retry-After. Nothing was stored.'),
            '401': error,
            '413': error,
            '415': error,
            '422': error,
            '502': errorSaying('`processor-output-invalid`: the processor answered with something other than a PNG of exactly OUTPUT_SIZE square; nothing was stored.'),
            '503': errorSaying(
              '`busy` (queue full), `processor-unavailable` (imgproxy unreachable, failing or gone mid-answer) or `processor-timeout` (no answer within IMGPROXY_TIMEOUT_MS); with Retry-After. Nothing was stored.',
            ),
            '507': errorSaying('`storage-full`: no disk space (or quota) left for the new avatar; nothing was stored and the previous avatar was kept.'),
          },
        },
      },
      '/api/v1/avatars/{id}': {
        delete: {
          summary: 'Delete an avatar',
          security: [{ bearer: [] }],
          parameters: [
            { name: 'id', in: 'path', required: true, description: '<id> or <id>.png', schema: { type: 'string', pattern: '^[a-f0-9]{32}(\\.png)?$' } },
            { name: 'owner', in: 'query', required: true, description: 'Who asks; only the recorded owner may delete.', schema: ownerSchema },
          ],
          responses: {
            '204': { description: 'Deleted (or already gone)' },
            '400': error,
            '401': error,
            '403': errorSaying('`not-owner`: the avatar belongs to another owner, or was stored before owners were recorded; nothing was deleted.'),
            '404': error,
          },
        },
      },
      '/avatars/{file}': {
        get: {
          summary: 'A stored avatar',
          parameters: [{ name: 'file', in: 'path', required: true, description: '<id>.png', schema: { type: 'string', pattern: '^[a-f0-9]{32}\\.png$' } }, sizeQuery(config.outputSize)],
          responses: { '200': png, '301': resized, '304': { description: 'Not modified' }, '400': error, '404': error, '503': error },
        },
      },
      '/identicon/{file}': {
        get: {
          summary: 'A deterministic identicon for an md5 or sha256 hex hash',
          parameters: [
            { name: 'file', in: 'path', required: true, description: '<hash>.png', schema: { type: 'string', pattern: '^([A-Fa-f0-9]{32}|[A-Fa-f0-9]{64})\\.[Pp][Nn][Gg]$' } },
            sizeQuery(config.outputSize),
          ],
          responses: { '200': png, '301': resized, '304': { description: 'Not modified' }, '400': error, '404': error, '503': error },
        },
      },
    },
  };
}
