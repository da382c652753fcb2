import type { FramingController } from '../framing-controller.ts';
import { MAX_ZOOM } from '../framing-controller.ts';
import { FRAMING_KEYS } from './framing-keys.ts';
import { flip, rotateLeft, rotateRight } from './orientation.ts';

/** One key press (or wheel step) zooms by 10%; Page Up/Down by 50%. */
const ZOOM_KEY_FACTOR = 1.1;
const ZOOM_PAGE_FACTOR = 1.5;
const SLIDER_MAX = 1000;
const SLIDER_KEYS: Record<string, number> = {
  ArrowRight: ZOOM_KEY_FACTOR,
  ArrowUp: ZOOM_KEY_FACTOR,
  ArrowLeft: 1 / ZOOM_KEY_FACTOR,
  ArrowDown: 1 / ZOOM_KEY_FACTOR,
  PageUp: ZOOM_PAGE_FACTOR,
  PageDown: 1 / ZOOM_PAGE_FACTOR,
};

interface CropperActionDetail {
  action: string;
  scale?: number;
  relatedEvent?: Event;
}

const modified = (event: KeyboardEvent) => event.altKey || event.ctrlKey || event.metaKey;

/**
 * Keys, slider, wheel and pinch on the crop stage. cropperjs's own keyboard listener sits on the
 * document and reads `document.activeElement`, which is our host inside a shadow root, so the
 * focusable stage drives the selection through its methods instead.
 */
export class StageInput {
  readonly #framing: FramingController;
  readonly #confirm: () => void;

  constructor(framing: FramingController, confirm: () => void) {
    this.#framing = framing;
    this.#confirm = confirm;
  }

  get sliderMax(): number {
    return SLIDER_MAX;
  }

  /** The slider's position for the current zoom (logarithmic: each step is the same ratio). */
  get sliderValue(): string {
    return String(Math.round((SLIDER_MAX * Math.log(this.#framing.zoom)) / Math.log(MAX_ZOOM)));
  }

  /** Arrows move (Shift: 10 px), +/- zoom, R/Shift+R/F turn, 0 resets, Enter confirms. */
  onStageKeydown = (event: KeyboardEvent): void => {
    const framing = this.#framing;
    const action = FRAMING_KEYS[event.key];
    if (!action || !framing.ready || framing.locked || modified(event)) return;
    event.preventDefault();
    const step = event.shiftKey ? 10 : 1;
    const moves: Record<string, [number, number]> = { left: [-step, 0], right: [step, 0], up: [0, -step], down: [0, step] };
    const move = moves[action];
    if (move) return framing.moveBy(...move);
    if (action === 'confirm') return this.#confirm();
    if (action === 'reset') return framing.reset();
    if (action === 'in' || action === 'out') return framing.zoomBy(action === 'in' ? ZOOM_KEY_FACTOR : 1 / ZOOM_KEY_FACTOR);
    framing.turn({ rotateLeft, rotateRight, flip }[action]!);
  };

  onZoomInput = (event: Event): void => {
    this.#framing.zoomTo(MAX_ZOOM ** ((event.target as HTMLInputElement).valueAsNumber / SLIDER_MAX));
  };

  /** The slider's own arrow steps are 0.1%: a key press zooms by a step people can see instead. */
  onZoomKeydown = (event: KeyboardEvent): void => {
    const framing = this.#framing;
    const { key } = event;
    if (framing.locked || modified(event) || !(key in SLIDER_KEYS || key === 'Home' || key === 'End')) return;
    event.preventDefault();
    if (key === 'Home' || key === 'End') return framing.zoomTo(key === 'Home' ? 1 : MAX_ZOOM);
    framing.zoomBy(SLIDER_KEYS[key]!);
  };

  /**
   * Capture phase, before cropper-selection sees it: cropperjs zooms a selection by growing it for a
   * wheel up or spreading fingers (the image looks smaller). Here they zoom in, as in every photo app.
   */
  onActionCapture = {
    capture: true,
    handleEvent: (event: CustomEvent<CropperActionDetail>): void => {
      const { action, scale = 0, relatedEvent } = event.detail ?? {};
      if ((action !== 'scale' && action !== 'transform') || !scale) return;
      event.stopPropagation();
      this.#framing.zoomBy(relatedEvent?.type === 'wheel' ? ZOOM_KEY_FACTOR ** Math.sign(scale) : 1 + scale);
    },
  };

  /** cropperjs's events are composed, so they would leave the element: the stage keeps them in. */
  stopAtStage = (event: Event): void => event.stopPropagation();
}
