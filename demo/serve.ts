import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { loadConfigOrExit, start } from '../src/server/main.ts';
import { authentikEmulation } from './server/authentik-emulation.ts';

/**
 * `npm start`: the endpoint plus demo pages that reproduce authentik's prompt stage, on one port.
 * The demo's flow executor runs the real policy in Python, which calls this same endpoint over HTTP.
 */
const config = loadConfigOrExit();
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

await start(config, async (app) => {
  await app.register(fastifyStatic, { root: here('./pages'), prefix: '/', index: 'index.html' });
  await app.register(fastifyStatic, { root: here('../dist'), prefix: '/dist/', decorateReply: false });
  await app.register(fastifyStatic, { root: here('../public'), prefix: '/public/', decorateReply: false });
  await app.register(authentikEmulation, {
    policyPath: here('../src/authentik/avatar_policy.py'),
    policyEnv: { AVATARS_URL: process.env.AVATARS_URL ?? `http://127.0.0.1:${config.port}`, AVATARS_TOKEN: config.token },
    avatarsSetting: process.env.DEMO_AVATARS_SETTING ?? 'attributes.avatar,initials',
    adminToken: process.env.DEMO_ADMIN_TOKEN ?? 'demo-admin-token',
    pagesDir: here('./pages'),
  });
});
console.log(`Demo ready: open ${config.publicUrl}/`);
