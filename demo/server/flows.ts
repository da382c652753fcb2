import type { PromptField } from '../flow-types.ts';
import type { PolicyUser } from './python-policy.ts';

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

export interface FlowDefinition {
  title: string;
  /** Whether the flow needs a logged-in user (settings) or runs without one (enrollment). */
  authenticated: boolean;
  fields(user: PolicyUser | undefined): PromptField[];
  /** Where authentik sends the browser when the flow completes. */
  redirect: string;
}

/** The prompt stages of authentik's default flows after our blueprints added the avatar prompts. */
export const flows: Record<string, FlowDefinition> = {
  'default-user-settings-flow': {
    title: 'Update your info',
    authenticated: true,
    redirect: '/if/user/#/settings',
    fields: (user) => [
      field('username', 'Username', 'username', 200, { required: true, initial_value: user?.username }),
      field('name', 'Name', 'text', 201, { required: true, initial_value: user?.name }),
      field('email', 'Email', 'email', 202, { required: true, initial_value: user?.email }),
      field('attributes.avatar', 'Avatar', 'file', 203, { sub_text: 'A square picture of you.' }),
      field('attributes.avatar_reset', 'Remove my avatar', 'checkbox', 204),
    ],
  },
  'default-enrollment-flow': {
    title: 'Create an account',
    authenticated: false,
    redirect: '/if/user/',
    fields: () => [
      field('username', 'Username', 'username', 0, { required: true, placeholder: 'Username' }),
      field('name', 'Name', 'text', 1, { required: true, placeholder: 'Name' }),
      field('email', 'Email', 'email', 2, { required: true, placeholder: 'Email' }),
      field('attributes.avatar', 'Avatar', 'file', 3, { sub_text: 'Optional: a square picture of you.' }),
    ],
  },
};
