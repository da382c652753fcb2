import { html, nothing, type TemplateResult } from 'lit';
import type { Rect } from './clamp-selection.ts';
import type { FramingController } from './framing-controller.ts';
import { flip, MAX_ZOOM, rotateLeft, rotateRight } from './framing.ts';
import type { Strings } from './strings.ts';

const SLIDER_MAX = 1000;
const ROTATE_ICON = 'M8 3 4 7l4 4M4 7h10a6 6 0 0 1 0 12h-4';
const FLIP_ICON = 'M12 3v18M9 7 3 17h6zm6 0 6 10h-6z';
const RESET_ICON = 'M4 12a8 8 0 1 0 2.4-5.7L4 8.7M4 4v4.7h4.7';

export interface CroppingView {
  t: Strings;
  framing: FramingController;
  locked: boolean;
  busy: boolean;
  /** "150%" in the element's language. */
  percent(value: number): string;
  confirm(): void;
  cancel(): void;
}

/** The cropping state: the focusable stage, previews, framing tools, zoom slider, Cancel and Confirm. */
export function renderCropping({ t, framing, locked, busy, percent, confirm, cancel }: CroppingView): TemplateResult {
  const { gestures, view, zoom } = framing;
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
        @keydown=${framing.onStageKeydown}
        @pointerdown=${gestures.down}
        @pointermove=${gestures.move}
        @pointerup=${gestures.up}
        @pointercancel=${gestures.up}
        @wheel=${gestures.wheel}
      >
        <div class="frame">
          <canvas part="image" class="image" role="img" aria-label=${t.imageToCrop} style=${boxStyle(view?.bounds)}></canvas>
          <div part="selection" class="selection" data-action="move" style=${boxStyle(view?.selection)}>
            ${['nw', 'ne', 'sw', 'se'].map((corner) => html`<span part="handle" class="handle" data-action=${corner}></span>`)}
          </div>
        </div>
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
          max=${SLIDER_MAX}
          .value=${String(Math.round((SLIDER_MAX * Math.log(zoom)) / Math.log(MAX_ZOOM)))}
          aria-valuetext=${percent(zoom)}
          ?disabled=${locked}
          @input=${(event: Event) => framing.onZoomInput(event, SLIDER_MAX)}
          @keydown=${framing.onZoomKeydown}
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

function boxStyle(rect: Rect | undefined): string {
  return rect ? `left:${rect.x}px;top:${rect.y}px;width:${rect.width}px;height:${rect.height}px` : 'display:none';
}
