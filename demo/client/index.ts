import { AkFlowExecutor } from './ak-flow-executor.ts';
import { AkStagePrompt } from './ak-stage-prompt.ts';
import { DemoUserCard } from './demo-user-card.ts';

customElements.define('ak-stage-prompt', AkStagePrompt);
customElements.define('ak-flow-executor', AkFlowExecutor);
customElements.define('demo-user-card', DemoUserCard);
