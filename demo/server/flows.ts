import { PromptTypeEnum, type StagePrompt } from '../flow-types.ts';
import type { PolicyUser } from './python-policy.ts';

const field = (fieldKey: string, label: string, type: PromptTypeEnum, order: number, extra: Partial<StagePrompt> = {}): StagePrompt => ({
  fieldKey,
  label,
  type,
  required: false,
  placeholder: '',
  initialValue: '',
  order,
  subText: '',
  choices: null,
  ...extra,
});

export interface PromptStageDefinition {
  fields(user: PolicyUser | undefined): StagePrompt[];
  /** authentik's `default-user-settings-authorization` runs beside our policy on the settings stage. */
  authorization: boolean;
}

export interface FlowDefinition {
  title: string;
  /** Whether the flow needs a logged-in user (settings) or runs without one (enrollment). */
  authenticated: boolean;
  /** Its prompt stages in order; the user write stage follows the last one. */
  stages: PromptStageDefinition[];
  /** Where authentik sends the browser when the flow completes. */
  redirect: string;
}

/** The settings flow our blueprint creates (its slug), and the example enrollment flow with our avatar page. */
export const SETTINGS_FLOW = 'authentik-avatars-user-settings';

export const flows: Record<string, FlowDefinition> = {
  [SETTINGS_FLOW]: {
    title: 'Update your info',
    authenticated: true,
    redirect: '/if/user/#/settings',
    stages: [{
      authorization: true,
      fields: (user) => [
      field('username', 'Username', PromptTypeEnum.Username, 200, { required: true, placeholder: 'Username', initialValue: user?.username ?? '' }),
      field('name', 'Name', PromptTypeEnum.Text, 201, { required: true, placeholder: 'Name', initialValue: user?.name ?? '' }),
      field('email', 'Email', PromptTypeEnum.Email, 202, { required: true, placeholder: 'Email', initialValue: user?.email ?? '' }),
      field('attributes.avatar', 'Avatar', PromptTypeEnum.File, 210, { subText: 'A picture of you. You can crop it to a square before saving.' }),
      field('attributes.avatar_reset', 'Remove my avatar', PromptTypeEnum.Checkbox, 211, { subText: 'Removes your avatar when you save.' }),
      ],
    }],
  },
  'default-enrollment-flow': {
    title: 'Create an account',
    authenticated: false,
    redirect: '/if/user/',
    // The example flow "Enrollment (2 Stage)" as run on 2026.5: username and password, then name and
    // email, then the avatar page our enrollment blueprint binds after them (order 15).
    stages: [
      {
        authorization: false,
        fields: () => [
          field('username', 'Username', PromptTypeEnum.Username, 0, { required: true, placeholder: 'Username' }),
          field('password', 'Password', PromptTypeEnum.Password, 1, { required: true, placeholder: 'Password' }),
          field('password_repeat', 'Password (repeat)', PromptTypeEnum.Password, 2, { required: true, placeholder: 'Password (repeat)' }),
        ],
      },
      {
        authorization: false,
        fields: () => [
          field('name', 'Name', PromptTypeEnum.Text, 0, { required: true, placeholder: 'Name' }),
          field('email', 'Email', PromptTypeEnum.Email, 1, { required: true, placeholder: 'Email' }),
        ],
      },
      { authorization: false, fields: () => [field('attributes.avatar', 'Avatar', PromptTypeEnum.File, 210, { subText: 'Optional: a square picture of you.' })] },
    ],
  },
};
