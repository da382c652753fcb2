import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { challengeToJson, type Challenge } from '../flow-types.ts';
import { authorizationMessages, type ChangeRights } from './authorization-policy.ts';
import { resolveAvatar } from './avatar-setting.ts';
import { flows, SETTINGS_FLOW, type FlowDefinition } from './flows.ts';
import { runPromptPolicy, type PolicyUser } from './python-policy.ts';
import { sessionUserJson } from './session-user.ts';

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
const PLAN = 'authentik_plan';

/** A flow in progress: which prompt stage comes next and what earlier stages collected (authentik's FlowPlan). */
interface Plan {
  slug: string;
  stage: number;
  data: Record<string, unknown>;
}

/** Demo pages served at authentik's own paths; `?v=2024.12` selects the older DOM structure. */
const pages: Record<string, { file: string; session: 'keep' | 'login' | 'logout' }> = {
  [`/if/flow/${SETTINGS_FLOW}/`]: { file: 'flow.html', session: 'login' },
  '/if/flow/default-enrollment-flow/': { file: 'flow.html', session: 'logout' },
  '/if/user/': { file: 'user.html', session: 'login' },
};

/**
 * Reproduces the parts of authentik the avatar path touches: its pages' URLs and session cookie,
 * the flow executor API with prompt stages (challenge, flat dotted JSON payload, non-field errors),
 * the stage's validation policies (ours in Python, authentik's authorization policy beside it), the
 * user write stage (shallow attribute merge), `/api/v3/core/users/me/`, the current brand's settings
 * flow and the admin settings API for the `avatars` setting. Answers are typed with @goauthentik/api.
 */
export const authentikEmulation: FastifyPluginAsync<EmulationOptions> = async (app, options) => {
  const jdoe: PolicyUser = { pk: 7, uuid: randomUUID(), username: 'jdoe', name: 'Jane Doe', email: 'Jane.Doe@example.org', attributes: {} };
  const users = new Map<string, PolicyUser>([[jdoe.username, jdoe]]);
  let avatarsSetting = options.avatarsSetting;
  const rights: ChangeRights = { name: true, email: false, username: false };

  const sessionUser = (request: FastifyRequest) => users.get(/(?:^|;\s*)authentik_session=([^;]+)/.exec(request.headers.cookie ?? '')?.[1] ?? '');
  const login = (reply: FastifyReply, username: string) => reply.header('set-cookie', `${SESSION}=${username}; Path=/; HttpOnly; SameSite=Lax`);
  const plans = new Map<string, Plan>();
  const cookie = (request: FastifyRequest, name: string) =>
    (request.headers.cookie ?? '').split('; ').find((pair) => pair.startsWith(`${name}=`))?.slice(name.length + 1) ?? '';
  /** The plan for this flow, or a fresh one (a new plan cookie when there was none). */
  const planOf = (request: FastifyRequest, reply: FastifyReply, slug: string): Plan => {
    let id = cookie(request, PLAN);
    if (!id) {
      id = randomUUID();
      reply.header('set-cookie', `${PLAN}=${id}; Path=/; HttpOnly; SameSite=Lax`);
    }
    const plan = plans.get(id);
    if (plan && plan.slug === slug) return plan;
    const fresh = { slug, stage: 0, data: {} };
    plans.set(id, fresh);
    return fresh;
  };
  const endPlan = (request: FastifyRequest) => plans.delete(cookie(request, PLAN));

  for (const [path, page] of Object.entries(pages)) {
    app.get(path, async (request, reply) => {
      endPlan(request); // opening a flow page starts the flow again
      if (page.session === 'login' && !sessionUser(request)) login(reply, 'jdoe');
      if (page.session === 'logout') reply.header('set-cookie', `${SESSION}=; Path=/; Max-Age=0`);
      return reply.type('text/html').send(await readFile(`${options.pagesDir}/${page.file}`));
    });
  }

  const promptChallenge = (flow: FlowDefinition, plan: Plan, user: PolicyUser | undefined, errors?: string[]): Challenge => ({
    component: 'ak-stage-prompt',
    flowInfo: { title: flow.title, background: '', cancelUrl: '/flows/-/cancel/', layout: 'stacked' },
    fields: flow.stages[plan.stage]!.fields(user),
    ...(errors?.length ? { responseErrors: { non_field_errors: errors.map((string) => ({ string, code: 'invalid' })) } } : {}),
  });
  const send = (challenge: Challenge) => challengeToJson(challenge);

  const flowOf = (slug: string, user: PolicyUser | undefined, reply: FastifyReply) => {
    const flow = flows[slug];
    if (!flow) return void reply.code(404).send({ detail: 'Not found.' });
    if (flow.authenticated && !user) {
      return void reply.send(send({ component: 'ak-stage-access-denied', pendingUser: '', pendingUserAvatar: '', errorMessage: 'You are not logged in.' }));
    }
    return flow;
  };

  app.get<{ Params: { slug: string } }>('/api/v3/flows/executor/:slug/', async (request, reply) => {
    const user = sessionUser(request);
    const flow = flowOf(request.params.slug, user, reply);
    return flow && send(promptChallenge(flow, planOf(request, reply, request.params.slug), user));
  });

  app.post<{ Params: { slug: string }; Body: Record<string, unknown> }>('/api/v3/flows/executor/:slug/', { bodyLimit: 64 * 1024 * 1024 }, async (request, reply) => {
    const user = sessionUser(request);
    const flow = flowOf(request.params.slug, user, reply);
    if (!flow) return reply;
    const slug = request.params.slug;
    const plan = planOf(request, reply, slug);
    const stage = flow.stages[plan.stage]!;
    const { component: _component, ...payload } = request.body ?? {};
    const promptData: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(payload)) promptData[key] = value === 'on' ? true : value;

    // Every validation policy of the stage runs; the stage passes only if all pass (PolicyEngine, mode all).
    const refused = stage.authorization && user ? authorizationMessages(user, promptData, rights) : [];
    const outcome = await runPromptPolicy(options.policyPath, user ?? null, promptData, options.policyEnv);
    if (refused.length || !outcome.passing) return send(promptChallenge(flow, plan, user, [...refused, ...outcome.messages]));

    // The next prompt stage, if any; prompt data of all stages is merged shallowly, as in authentik's plan context.
    const merged = outcome.prompt_data as { attributes?: Record<string, unknown> } & Record<string, unknown>;
    const attributesSoFar = { ...((plan.data.attributes as Record<string, unknown> | undefined) ?? {}), ...(merged.attributes ?? {}) };
    plan.data = { ...plan.data, ...merged, attributes: attributesSoFar };
    if (plan.stage + 1 < flow.stages.length) {
      plan.stage += 1;
      return send(promptChallenge(flow, plan, user));
    }
    endPlan(request);

    // The user write stage: known fields set directly, attributes merged shallowly.
    const { attributes, ...fields } = plan.data as { attributes?: Record<string, unknown> } & Record<string, string>;
    const target = user ?? { pk: users.size + 7, uuid: randomUUID(), username: fields.username ?? 'new', name: '', email: '', attributes: {} };
    for (const key of ['username', 'name', 'email'] as const) if (typeof fields[key] === 'string') target[key] = fields[key];
    Object.assign(target.attributes, attributes ?? {});
    users.set(target.username, target);
    if (!user) login(reply, target.username);
    return send({ component: 'xak-flow-redirect', to: flow.redirect });
  });

  app.get('/api/v3/core/users/me/', async (request, reply) => {
    const user = sessionUser(request);
    if (!user) return reply.code(403).send({ detail: 'Authentication credentials were not provided.' });
    return sessionUserJson(user, resolveAvatar(avatarsSetting, user));
  });

  // The user settings page runs the brand's settings flow: our blueprint points the default brand at ours.
  app.get('/api/v3/core/brands/current/', async () => ({ matched_domain: 'authentik-default', branding_title: 'authentik', flow_user_settings: SETTINGS_FLOW, default_locale: '' }));

  // The avatars system setting lives on the tenant and is only settable through the admin API.
  const settings = () => ({ avatars: avatarsSetting, default_user_change_name: rights.name, default_user_change_email: rights.email, default_user_change_username: rights.username, gdpr_compliance: true, footer_links: [] });
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
