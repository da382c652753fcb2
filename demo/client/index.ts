import { AkDrawer, AkFlowExecutor } from './ak-flow-executor.ts';
import { AkFlowCard, AkFormElement, AkFormElementHorizontal } from './ak-form-elements.ts';
import { AkStagePrompt, AkUserStagePrompt } from './ak-stage-prompt.ts';
import { AkInterfaceUser, AkMessageContainer, AkNavButtons, AkTabs, AkUserSettings, AkUserSettingsFlowExecutor } from './ak-user-interface.ts';
import { applyPageLanguage, DemoLangSwitch } from './lang-switch.ts';

applyPageLanguage();

const elements: Record<string, CustomElementConstructor> = {
  'ak-flow-card': AkFlowCard,
  'ak-form-element': AkFormElement,
  'ak-form-element-horizontal': AkFormElementHorizontal,
  'ak-stage-prompt': AkStagePrompt,
  'ak-drawer': AkDrawer,
  'ak-flow-executor': AkFlowExecutor,
  'ak-user-stage-prompt': AkUserStagePrompt,
  'ak-user-settings-flow-executor': AkUserSettingsFlowExecutor,
  'ak-tabs': AkTabs,
  'ak-user-settings': AkUserSettings,
  'ak-nav-buttons': AkNavButtons,
  'ak-message-container': AkMessageContainer,
  'ak-interface-user': AkInterfaceUser,
  'demo-lang-switch': DemoLangSwitch,
};
for (const [name, element] of Object.entries(elements)) customElements.define(name, element);
