import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { context2d } from './canvas.ts';
import type { Rect } from './clamp-selection.ts';
import type { DecodedImage } from './decode-image.ts';
import { FRAMING_KEYS } from './framing-keys.ts';
import { centreOf, flip, type Framing, layOut, MAX_ZOOM, resize, rotateLeft, rotateRight, select, type Turn, turnView, UPRIGHT, type View, zoomOf, zoomTo } from './framing.ts';
import { paintRegion } from './paint-region.ts';
import { StageGestures } from './stage-gestures.ts';

/** One key press on the crop area or the zoom slider zooms by 10%; Page Up/Down by 50%. */
const ZOOM_KEY_FACTOR = 1.1;
const ZOOM_PAGE_FACTOR = 1.5;
const PREVIEW_SIDES = [128, 32];

const SLIDER_KEYS: Record<string, number> = {
  ArrowRight: ZOOM_KEY_FACTOR,
  ArrowUp: ZOOM_KEY_FACTOR,
  ArrowLeft: 1 / ZOOM_KEY_FACTOR,
  ArrowDown: 1 / ZOOM_KEY_FACTOR,
  PageUp: ZOOM_PAGE_FACTOR,
  PageDown: 1 / ZOOM_PAGE_FACTOR,
  Home: 0,
  End: Infinity,
};

export interface FramingHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface FramingOptions {
  /** Nothing may change now (disabled, or encoding). */
  locked(): boolean;
  /** Enter on the crop area. */
  confirm(): void;
  /** The zoom or turn changed in a way worth announcing. */
  changed(): void;
}

/**
 * The image being framed and the square on it: lays it out on the stage, follows the stage's size,
 * turns it, takes keys, slider and pointer gestures, and paints the stage and the live previews.
 */
export class FramingController implements ReactiveController {
  readonly #host: FramingHost;
  readonly #options: FramingOptions;
  readonly #resizeObserver = new ResizeObserver(() => this.#onStageResize());
  readonly gestures: StageGestures;
  #working: DecodedImage | null = null;
  #view: View | null = null;
  #frameSize = { width: 0, height: 0 };
  #observed: Element | null = null;
  #painted: { canvas: HTMLCanvasElement; bounds: Rect } | null = null;

  constructor(host: FramingHost, options: FramingOptions) {
    this.#host = host;
    this.#options = options;
    const controller = this;
    this.gestures = new StageGestures({
      get selection() {
        return controller.#view?.selection ?? null;
      },
      get locked() {
        return options.locked();
      },
      select: (next: Rect) => this.#change((view) => select(view, next)),
      resizeTo: (side: number) => {
        this.#change((view) => resize(view, side));
        options.changed();
      },
    });
    host.addController(this);
  }

  /** The working image, while there is one. */
  get working(): DecodedImage | null {
    return this.#working;
  }

  get view(): View | null {
    return this.#view;
  }

  /** 1 is the largest square on the image; up to MAX_ZOOM. */
  get zoom(): number {
    return this.#view ? zoomOf(this.#view) : 1;
  }

  get framing(): Framing {
    return this.#view?.framing ?? UPRIGHT;
  }

  /** Takes a new image to frame; `layOutAfresh()` once the stage is rendered. */
  take(image: DecodedImage): void {
    this.release();
    this.#working = image;
  }

  /** Frees the image. */
  release(): void {
    this.#working?.release();
    this.#working = null;
    this.#setView(null);
  }

  /** The upright image as large as fits, with the largest centred square. */
  layOutAfresh(): void {
    this.#layOut(UPRIGHT);
  }

  /** Rotates or flips the image; the square follows the part of the image it was on. */
  turn(turn: Turn): void {
    const working = this.#working;
    if (this.#options.locked() || !working) return;
    this.#change((view) => turnView(view, turn, this.#frameSize, working));
    this.#options.changed();
  }

  reset = (): void => {
    if (this.#options.locked()) return;
    this.#layOut(UPRIGHT);
    this.#options.changed();
  };

  onZoomInput = (event: Event, sliderMax: number): void => {
    const zoom = MAX_ZOOM ** ((event.target as HTMLInputElement).valueAsNumber / sliderMax);
    this.#change((view) => zoomTo(view, zoom));
  };

  /** The slider's own arrow steps are 0.1%: a key press zooms by a step people can see instead. */
  onZoomKeydown = (event: KeyboardEvent): void => {
    const factor = SLIDER_KEYS[event.key];
    if (factor === undefined || this.#options.locked() || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    this.#change((view) => zoomTo(view, Math.min(Math.max(zoomOf(view) * factor, 1), MAX_ZOOM)));
    this.#options.changed();
  };

  /** cropperjs-like keys on our focusable stage: arrows move, +/- zoom, R/Shift+R/F turn, 0 resets, Enter confirms. */
  onStageKeydown = (event: KeyboardEvent): void => {
    const action = FRAMING_KEYS[event.key];
    const selection = this.#view?.selection;
    if (!action || !selection || this.#options.locked() || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const step = event.shiftKey ? 10 : 1;
    const moves: Record<string, [number, number]> = { left: [-step, 0], right: [step, 0], up: [0, -step], down: [0, step] };
    const move = moves[action];
    if (move) return this.#change((view) => select(view, { ...selection, x: selection.x + move[0], y: selection.y + move[1] }));
    if (action === 'confirm') return this.#options.confirm();
    if (action === 'reset') return this.reset();
    if (action === 'in' || action === 'out') {
      const factor = action === 'in' ? ZOOM_KEY_FACTOR : 1 / ZOOM_KEY_FACTOR;
      this.#change((view) => zoomTo(view, zoomOf(view) * factor));
      return this.#options.changed();
    }
    this.turn({ rotateLeft, rotateRight, flip }[action]!);
  };

  /** Draws the current framing onto a `side` x `side` canvas context, as the stage and previews show it. */
  paint(context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, side: number): boolean {
    const view = this.#view;
    if (!view || !this.#working) return false;
    paintRegion(context, this.#working.bitmap, view.bounds, view.selection, view.framing, side);
    return true;
  }

  /** Moved while cropping: Lit does not render again, so observe the stage that is there. */
  hostConnected(): void {
    this.#observe(this.#find('.stage'));
  }

  hostDisconnected(): void {
    this.#resizeObserver.disconnect();
    this.#observed = null;
  }

  hostUpdated(): void {
    const stage = this.#find('.stage');
    if (stage !== this.#observed) this.#observe(stage);
    this.#paintStage();
    this.#paintPreviews();
  }

  #find(selector: string): HTMLElement | null {
    return this.#host.renderRoot?.querySelector<HTMLElement>(selector) ?? null;
  }

  #observe(stage: HTMLElement | null): void {
    this.#resizeObserver.disconnect();
    if (stage) this.#resizeObserver.observe(stage);
    this.#observed = stage;
  }

  #setView(view: View | null): void {
    this.#view = view;
    this.#host.requestUpdate();
  }

  #change(change: (view: View) => View): void {
    if (this.#view) this.#setView(change(this.#view));
  }

  /** Lays the image out in the stage's frame as it is now sized (see `layOut`). */
  #layOut(framing: Framing, centre: [number, number] | null = null, zoom = 1): void {
    const frame = this.#find('.frame');
    const working = this.#working;
    if (!frame || !working) return;
    this.#frameSize = { width: frame.clientWidth, height: frame.clientHeight };
    this.#setView(this.#frameSize.width && this.#frameSize.height ? layOut(this.#frameSize, working, framing, centre, zoom) : null);
  }

  #onStageResize(): void {
    const frame = this.#find('.frame');
    if (!frame || !this.#working) return;
    if (frame.clientWidth === this.#frameSize.width && frame.clientHeight === this.#frameSize.height) return;
    const view = this.#view;
    this.#layOut(view?.framing ?? UPRIGHT, view && centreOf(view), this.zoom);
  }

  /** Repaints the stage's image only for a new canvas or a new layout; moving or zooming the square keeps it. */
  #paintStage(): void {
    const canvas = this.#find('canvas.image') as HTMLCanvasElement | null;
    const view = this.#view;
    if (!canvas || !view || !this.#working) return;
    const { bounds } = view;
    if (this.#painted?.canvas === canvas && this.#painted.bounds === bounds) return;
    this.#painted = { canvas, bounds };
    const ratio = devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(bounds.width * ratio));
    canvas.height = Math.max(1, Math.round(bounds.height * ratio));
    paintRegion(context2d(canvas), this.#working.bitmap, bounds, bounds, view.framing, canvas.width);
  }

  /** The live previews draw exactly what Confirm will encode, at 128 and 32 px. */
  #paintPreviews(): void {
    this.#host.renderRoot.querySelectorAll<HTMLCanvasElement>('.previews canvas').forEach((canvas, index) => {
      canvas.width = canvas.height = Math.round(PREVIEW_SIDES[index]! * (devicePixelRatio || 1));
      this.paint(context2d(canvas), canvas.width);
    });
  }
}
