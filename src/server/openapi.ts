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
  description: 'Width and height in pixels (16 to OUTPUT_SIZE).',
  schema: { type: 'integer', minimum: 16, maximum: outputSize },
});

/** The OpenAPI 3.1 description of the endpoint; a test checks it lists exactly the routes the app serves. */
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
          required: ['url', 'width', 'height', 'type'],
          properties: { url: { type: 'string', format: 'uri' }, width: { type: 'integer' }, height: { type: 'integer' }, type: { const: 'image/png' } },
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
                  required: ['image'],
                  properties: {
                    image: { type: 'string', pattern: '^[Dd][Aa][Tt][Aa]:', description: 'data:<type>;base64,<payload>; the declared type is ignored.' },
                    previous: { type: ['string', 'null'], description: 'URL of the avatar this one replaces; deleted once the new one is stored.' },
                  },
                },
              },
              'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
              'image/*': { schema: { type: 'string', contentMediaType: 'image/*' } },
            },
          },
          responses: {
            '201': { description: 'Stored', content: { 'application/json': { schema: { $ref: '#/components/schemas/Stored' } } } },
            '400': error,
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
          parameters: [{ name: 'id', in: 'path', required: true, description: '<id> or <id>.png', schema: { type: 'string', pattern: '^[a-f0-9]{32}(\\.png)?$' } }],
          responses: { '204': { description: 'Deleted (or already gone)' }, '401': error, '404': error },
        },
      },
      '/avatars/{file}': {
        get: {
          summary: 'A stored avatar',
          parameters: [{ name: 'file', in: 'path', required: true, description: '<id>.png', schema: { type: 'string', pattern: '^[a-f0-9]{32}\\.png$' } }, sizeQuery(config.outputSize)],
          responses: { '200': png, '304': { description: 'Not modified' }, '400': error, '404': error },
        },
      },
      '/identicon/{file}': {
        get: {
          summary: 'A deterministic identicon for an md5 or sha256 hex hash',
          parameters: [
            { name: 'file', in: 'path', required: true, description: '<hash>.png', schema: { type: 'string', pattern: '^([A-Fa-f0-9]{32}|[A-Fa-f0-9]{64})\\.[Pp][Nn][Gg]$' } },
            sizeQuery(config.outputSize),
          ],
          responses: { '200': png, '304': { description: 'Not modified' }, '400': error, '404': error },
        },
      },
    },
  };
}
