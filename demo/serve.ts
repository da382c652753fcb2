import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { loadConfigOrExit, start } from '../src/server/main.ts';
import { authentikEmulation } from './server/authentik-emulation.ts';
import { demoLogger } from './server/dev-log.ts';

/**
 * `npm start`: the endpoint plus demo pages that reproduce authentik, on one port. The demo's flow
 * executor runs the real policy in Python, which calls the endpoint over HTTP.
 * With AVATARS_URL set, only the demo runs, and the policy calls the endpoint at that URL instead.
 */
const config = loadConfigOrExit();
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const externalEndpoint = process.env.AVATARS_URL;

async function registerDemo(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, { root: here('./pages'), prefix: '/', index: 'index.html' });
  await app.register(fastifyStatic, { root: here('../dist'), prefix: '/dist/', decorateReply: false });
  await app.register(fastifyStatic, { root: here('../public'), prefix: '/public/', decorateReply: false });
  // The demo pages' stylesheet and /favicon.ico are in pages/, served at /.
  await app.register(authentikEmulation, {
    policyPath: here('../src/authentik/avatar_policy.py'),
    policyEnv: { AVATARS_URL: externalEndpoint ?? `http://127.0.0.1:${config.port}`, AVATARS_TOKEN: config.token },
    avatarsSetting: process.env.DEMO_AVATARS_SETTING ?? 'attributes.avatar,initials',
    adminToken: process.env.DEMO_ADMIN_TOKEN ?? 'demo-admin-token',
    pagesDir: here('./pages'),
  });
}

if (externalEndpoint) {
  const app = Fastify({ logger: demoLogger(config.logLevel) });
  await registerDemo(app);
  app.get('/bridge.js', (_request, reply) => reply.redirect(`${externalEndpoint}/bridge.js`));
  app.get('/healthz', async () => ({ status: 'ok', demo: true }));
  await app.listen({ host: config.host, port: config.port });
} else {
  await start(config, registerDemo, demoLogger(config.logLevel));
}
console.log(`\nDemo ready: open ${config.publicUrl}/\n`);
