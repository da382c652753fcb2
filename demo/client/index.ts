import { AkFlowExecutor } from './ak-flow-executor.ts';
import { AkStagePrompt } from './ak-stage-prompt.ts';
import { AkInterfaceUser, AkUserSettings, AkUserSettingsFlowExecutor, AkUserStagePrompt } from './ak-user-interface.ts';
import { DemoUserCard } from './demo-user-card.ts';

const elements: Record<string, CustomElementConstructor> = {
  'ak-stage-prompt': AkStagePrompt,
  'ak-flow-executor': AkFlowExecutor,
  'ak-user-stage-prompt': AkUserStagePrompt,
  'ak-user-settings-flow-executor': AkUserSettingsFlowExecutor,
  'ak-user-settings': AkUserSettings,
  'ak-interface-user': AkInterfaceUser,
  'demo-user-card': DemoUserCard,
};
for (const [name, element] of Object.entries(elements)) customElements.define(name, element);
