import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { resolveAvatar } from './avatar-setting.ts';
import { flows, type FlowDefinition } from './flows.ts';
import { runPromptPolicy, type PolicyUser } from './python-policy.ts';

export interface EmulationOptions {
  /** The real validation policy (a .py file from src/authentik/). */
  policyPath: string;
  /** What the policy finds in its environment. */
  policyEnv: { AVATARS_URL: string; AVATARS_TOKEN: string };
  /** authentik's `avatars` system setting, initially. */
  avatarsSetting: string;
  /** Bearer token the emulated admin API accepts. */
  adminToken: string;
  /** Folder of the demo's HTML pages. */
  pagesDir: string;
}

const SESSION = 'authentik_session';

/** Demo pages served at authentik's own paths; `?v=2024.12` selects the older DOM structure. */
const pages: Record<string, { file: string; session: 'keep' | 'login' | 'logout' }> = {
  '/if/flow/default-user-settings-flow/': { file: 'flow.html', session: 'login' },
  '/if/flow/default-enrollment-flow/': { file: 'flow.html', session: 'logout' },
  '/if/user/': { file: 'user.html', session: 'login' },
};

/**
 * Reproduces the parts of authentik the avatar path touches: its pages' URLs and session cookie,
 * the flow executor API with prompt stages (challenge, flat dotted JSON payload, non-field errors),
 * the prompt validation policy run by Python, the user write stage (shallow attribute merge),
 * `/api/v3/core/users/me/` and the admin settings API for the `avatars` setting.
 */
export const authentikEmulation: FastifyPluginAsync<EmulationOptions> = async (app, options) => {
  const users = new Map<string, PolicyUser>([['jdoe', { pk: 7, username: 'jdoe', name: 'Jane Doe', email: 'Jane.Doe@example.org', attributes: {} }]]);
  let avatarsSetting = options.avatarsSetting;

  const sessionUser = (request: FastifyRequest) => users.get(/(?:^|;\s*)authentik_session=([^;]+)/.exec(request.headers.cookie ?? '')?.[1] ?? '');
  const login = (reply: FastifyReply, username: string) => reply.header('set-cookie', `${SESSION}=${username}; Path=/; HttpOnly; SameSite=Lax`);

  for (const [path, page] of Object.entries(pages)) {
    app.get(path, async (request, reply) => {
      if (page.session === 'login' && !sessionUser(request)) login(reply, 'jdoe');
      if (page.session === 'logout') reply.header('set-cookie', `${SESSION}=; Path=/; Max-Age=0`);
      return reply.type('text/html').send(await readFile(`${options.pagesDir}/${page.file}`));
    });
  }

  const challenge = (slug: string, flow: FlowDefinition, user: PolicyUser | undefined, errors?: string[]) => ({
    flow_info: { title: flow.title, background: '', cancel_url: '/flows/-/cancel/', layout: 'stacked' },
    component: 'ak-stage-prompt',
    pending_user: '',
    slug,
    fields: flow.fields(user),
    ...(errors ? { response_errors: { non_field_errors: errors.map((string) => ({ string, code: 'invalid' })) } } : {}),
  });

  const flowOf = (slug: string, user: PolicyUser | undefined, reply: FastifyReply) => {
    const flow = flows[slug];
    if (!flow) return void reply.code(404).send({ detail: 'Not found.' });
    if (flow.authenticated && !user) return void reply.code(200).send({ component: 'ak-stage-access-denied', error_message: 'You are not logged in.' });
    return flow;
  };

  app.get<{ Params: { slug: string } }>('/api/v3/flows/executor/:slug/', async (request, reply) => {
    const user = sessionUser(request);
    const flow = flowOf(request.params.slug, user, reply);
    return flow && challenge(request.params.slug, flow, user);
  });

  app.post<{ Params: { slug: string }; Body: Record<string, unknown> }>('/api/v3/flows/executor/:slug/', { bodyLimit: 64 * 1024 * 1024 }, async (request, reply) => {
    const slug = request.params.slug;
    const user = sessionUser(request);
    const flow = flowOf(slug, user, reply);
    if (!flow) return reply;
    const { component: _component, ...payload } = request.body ?? {};
    const promptData: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(payload)) promptData[key] = value === 'on' ? true : value;

    const outcome = await runPromptPolicy(options.policyPath, user ?? null, promptData, options.policyEnv);
    if (!outcome.passing) return challenge(slug, flow, user, outcome.messages);

    // The user write stage: known fields set directly, attributes merged shallowly.
    const { attributes, ...fields } = outcome.prompt_data as { attributes?: Record<string, unknown> } & Record<string, string>;
    const target = user ?? { pk: users.size + 7, username: fields.username ?? 'new', name: '', email: '', attributes: {} };
    for (const key of ['username', 'name', 'email'] as const) if (typeof fields[key] === 'string') target[key] = fields[key];
    Object.assign(target.attributes, attributes ?? {});
    users.set(target.username, target);
    if (!user) login(reply, target.username);
    return { component: 'xak-flow-redirect', to: flow.redirect };
  });

  app.get('/api/v3/core/users/me/', async (request, reply) => {
    const user = sessionUser(request);
    if (!user) return reply.code(403).send({ detail: 'Authentication credentials were not provided.' });
    return {
      user: { pk: user.pk, username: user.username, name: user.name, email: user.email, is_active: true, avatar: resolveAvatar(avatarsSetting, user), attributes: user.attributes, type: 'internal', settings: {} },
      original: null,
    };
  });

  // The avatars system setting lives on the tenant and is only settable through the admin API.
  const settings = () => ({ avatars: avatarsSetting, default_user_change_name: true, default_user_change_email: false, default_user_change_username: false, gdpr_compliance: true, footer_links: [] });
  const requireAdmin = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.headers.authorization !== `Bearer ${options.adminToken}`) return reply.code(403).send({ detail: 'Authentication credentials were not provided.' });
  };
  app.get('/api/v3/admin/settings/', { onRequest: requireAdmin }, async () => settings());
  app.patch<{ Body: { avatars?: unknown } }>('/api/v3/admin/settings/', { onRequest: requireAdmin }, async (request, reply) => {
    if (request.body?.avatars !== undefined) {
      if (typeof request.body.avatars !== 'string') return reply.code(400).send({ avatars: ['Not a valid string.'] });
      avatarsSetting = request.body.avatars;
    }
    return settings();
  });
};
