import type { FastifyPluginAsync } from 'fastify';
import { resolveAvatar } from './avatar-setting.ts';
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
}

interface PromptField {
  field_key: string;
  label: string;
  type: string;
  required: boolean;
  placeholder: string;
  initial_value?: string;
  order: number;
  sub_text: string;
  choices: null;
}

const field = (field_key: string, label: string, type: string, order: number, extra: Partial<PromptField> = {}): PromptField => ({
  field_key,
  label,
  type,
  required: false,
  placeholder: '',
  order,
  sub_text: '',
  choices: null,
  ...extra,
});

/**
 * Reproduces the parts of authentik the avatar path touches: the flow executor API with a prompt stage
 * (challenge, flat dotted JSON payload, non-field errors), the prompt validation policy run by Python,
 * the user write stage (shallow attribute merge) and `/api/v3/core/users/me/`.
 */
export const authentikEmulation: FastifyPluginAsync<EmulationOptions> = async (app, options) => {
  const user: PolicyUser = { pk: 7, username: 'jdoe', name: 'Jane Doe', email: 'Jane.Doe@example.org', attributes: {} };

  const settingsChallenge = (errors?: string[]) => ({
    flow_info: { title: 'Update your info', background: '', cancel_url: '/flows/-/cancel/', layout: 'stacked' },
    component: 'ak-stage-prompt',
    fields: [
      field('username', 'Username', 'username', 200, { required: true, initial_value: user.username }),
      field('name', 'Name', 'text', 201, { required: true, initial_value: user.name }),
      field('email', 'Email', 'email', 202, { required: true, initial_value: user.email }),
      field('attributes.avatar', 'Avatar', 'file', 203, { sub_text: 'A square picture of you.' }),
      field('attributes.avatar_reset', 'Remove my avatar', 'checkbox', 204),
    ],
    ...(errors ? { response_errors: { non_field_errors: errors.map((string) => ({ string, code: 'invalid' })) } } : {}),
  });

  // The avatars system setting lives on the tenant and is only settable through the admin API.
  let avatarsSetting = options.avatarsSetting;
  const adminToken = options.adminToken;
  const settings = () => ({ avatars: avatarsSetting, default_user_change_name: true, default_user_change_email: false, default_user_change_username: false, gdpr_compliance: true, footer_links: [] });
  const requireAdmin = async (request: { headers: Record<string, string | string[] | undefined> }, reply: { code(status: number): { send(body: unknown): unknown } }) => {
    if (request.headers.authorization !== `Bearer ${adminToken}`) return reply.code(403).send({ detail: 'Authentication credentials were not provided.' });
  };
  app.get('/api/v3/admin/settings/', { onRequest: requireAdmin }, async () => settings());
  app.patch<{ Body: { avatars?: unknown } }>('/api/v3/admin/settings/', { onRequest: requireAdmin }, async (request, reply) => {
    if (request.body?.avatars !== undefined) {
      if (typeof request.body.avatars !== 'string') return reply.code(400).send({ avatars: ['Not a valid string.'] });
      avatarsSetting = request.body.avatars;
    }
    return settings();
  });

  app.get('/api/v3/core/users/me/', async () => ({
    user: { pk: user.pk, username: user.username, name: user.name, email: user.email, is_active: true, avatar: resolveAvatar(avatarsSetting, user), attributes: user.attributes, type: 'internal', settings: {} },
    original: null,
  }));

  app.get('/api/v3/flows/executor/:slug/', async () => settingsChallenge());

  app.post<{ Body: Record<string, unknown> }>('/api/v3/flows/executor/:slug/', { bodyLimit: 64 * 1024 * 1024 }, async (request) => {
    const { component: _component, ...payload } = request.body ?? {};
    const promptData: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(payload)) promptData[key] = value === 'on' ? true : value;

    const outcome = await runPromptPolicy(options.policyPath, user, promptData, options.policyEnv);
    if (!outcome.passing) return settingsChallenge(outcome.messages);

    // The user write stage: known fields set directly, attributes merged shallowly.
    const { attributes, ...fields } = outcome.prompt_data as { attributes?: Record<string, unknown> } & Record<string, unknown>;
    for (const key of ['username', 'name', 'email'] as const) if (typeof fields[key] === 'string') user[key] = fields[key];
    Object.assign(user.attributes, attributes ?? {});
    return { component: 'xak-flow-redirect', to: '/if/user/#/settings' };
  });
};
