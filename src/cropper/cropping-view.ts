import { html, nothing, type TemplateResult } from 'lit';
import type { FramingController } from './framing-controller.ts';
import { flip, rotateLeft, rotateRight } from './stage/orientation.ts';
import type { StageInput } from './stage/stage-input.ts';
import type { Strings } from './strings.ts';

const ROTATE_ICON = 'M8 3 4 7l4 4M4 7h10a6 6 0 0 1 0 12h-4';
const FLIP_ICON = 'M12 3v18M9 7 3 17h6zm6 0 6 10h-6z';
const RESET_ICON = 'M4 12a8 8 0 1 0 2.4-5.7L4 8.7M4 4v4.7h4.7';
const CORNERS = ['nw', 'ne', 'sw', 'se'];

export interface CroppingView {
  t: Strings;
  framing: FramingController;
  input: StageInput;
  locked: boolean;
  busy: boolean;
  /** "150%" in the element's language. */
  percent(value: number): string;
  confirm(): void;
  cancel(): void;
}

/** The cropping state: the focusable stage on cropperjs's elements (handles are elements with an `action`, as cropper-canvas reads it), previews, framing tools, zoom slider, Cancel and Confirm. */
export function renderCropping({ t, framing, input, locked, busy, percent, confirm, cancel }: CroppingView): TemplateResult {
  const tool = (name: string, label: string, action: () => void, icon: string) =>
    html`<button type="button" part="button tool ${name}-button" class="tool ${name}" aria-label=${label} title=${label} ?disabled=${locked} @click=${action}>
      <svg viewBox="0 0 24 24" aria-hidden="true"><path d=${icon} /></svg>
    </button>`;
  const onEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || busy) return;
    event.preventDefault();
    cancel();
  };
  return html`
    <div class="container" @keydown=${onEscape}>
      <div
        part="stage"
        class="stage"
        role="group"
        aria-label=${t.cropArea}
        aria-describedby="crop-help"
        tabindex=${locked ? -1 : 0}
        data-autofocus
        @keydown=${input.onStageKeydown}
        @action=${input.onActionCapture}
      >
        <cropper-canvas
          ?disabled=${locked}
          @action=${input.stopAtStage}
          @actionstart=${input.stopAtStage}
          @actionmove=${input.stopAtStage}
          @actionend=${input.stopAtStage}
          @change=${input.stopAtStage}
          @transform=${input.stopAtStage}
        >
          <cropper-image part="image" alt=${t.imageToCrop} skewable src=${framing.working?.url ?? nothing}></cropper-image>
          <cropper-selection part="selection" action="move" aspect-ratio="1" precise movable resizable @change=${framing.onSelectionChange}>
            ${CORNERS.map((corner) => html`<span part="handle" class="handle" action="${corner}-resize"></span>`)}
          </cropper-selection>
        </cropper-canvas>
      </div>
      <p id="crop-help" hidden>${t.cropAreaHelp}</p>
      <div part="toolbar" class="toolbar">
        <div part="previews" class="previews" aria-hidden="true">
          <canvas part="preview-large" class="large"></canvas><canvas part="preview-small" class="small"></canvas>
        </div>
        <div class="tools">
          ${tool('rotate-left', t.rotateLeft, () => framing.turn(rotateLeft), ROTATE_ICON)}
          ${tool('rotate-right', t.rotateRight, () => framing.turn(rotateRight), ROTATE_ICON)}
          ${tool('flip', t.flip, () => framing.turn(flip), FLIP_ICON)}
          ${tool('reset', t.reset, framing.reset, RESET_ICON)}
        </div>
      </div>
      ${framing.working?.animated ? html`<p part="notice" class="hint">${t.animated}</p>` : nothing}
      <label part="zoom" class="zoom">
        <span>${t.zoom}</span>
        <input
          type="range"
          min="0"
          max=${input.sliderMax}
          .value=${input.sliderValue}
          aria-valuetext=${percent(framing.zoom)}
          ?disabled=${locked}
          @input=${input.onZoomInput}
          @keydown=${input.onZoomKeydown}
        />
      </label>
      <div part="actions" class="actions">
        <button type="button" part="button cancel-button" class="secondary" ?disabled=${locked} @click=${cancel}>${t.cancel}</button>
        <button type="button" part="button primary-button confirm-button" class="primary" ?disabled=${locked} @click=${confirm}>
          ${busy ? t.saving : t.confirm}
        </button>
      </div>
    </div>
  `;
}
