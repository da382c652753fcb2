/** The JSON shapes of authentik's flow executor API that the emulation serves and the pages read (`@goauthentik/api`). */

export interface PromptField {
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

export interface ErrorDetail {
  string: string;
  code: string;
}

export type Challenge =
  | {
      component: 'ak-stage-prompt';
      flow_info?: { title: string };
      fields: PromptField[];
      response_errors?: Record<string, ErrorDetail[]>;
    }
  | { component: 'xak-flow-redirect'; to: string };
