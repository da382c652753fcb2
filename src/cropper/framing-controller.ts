import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DecodedImage } from './decode-image.ts';
import { AvatarCropperError } from './errors.ts';
import type { CropperCanvas, CropperImage, CropperSelection } from './stage/cropper-elements.ts';
import { keepInside } from './stage/keep-inside.ts';
import { type Framing, framingOf, layOut, type Orientation, type Rect, type Turn, turned, UPRIGHT } from './stage/orientation.ts';

/** Zoom 1 is the largest square on the image; MAX_ZOOM shows 1/MAX_ZOOM of its side. */
export const MAX_ZOOM = 8;
const PREVIEW_SIDES = [128, 32];

export interface FramingHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface FramingOptions {
  /** Nothing may change now (disabled, or encoding). */
  locked(): boolean;
  /** The zoom or turn changed in a way worth announcing. */
  changed(): void;
}

/**
 * The image being framed on the cropperjs stage (cropper-canvas, cropper-image, cropper-selection):
 * lays it out turned and contained, keeps the square on it, follows the stage's size, zooms, moves
 * and turns through the elements' methods, paints the live previews and exports the crop with
 * `$toCanvas`. Input is wired in stage-input.ts.
 */
export class FramingController implements ReactiveController {
  readonly #host: FramingHost;
  readonly #options: FramingOptions;
  readonly #resizeObserver = new ResizeObserver(() => this.#onStageResize());
  #working: DecodedImage | null = null;
  #orientation: Orientation = UPRIGHT;
  /** The image's box on the canvas while laid out. */
  #bounds: Rect | null = null;
  #canvasSize = { width: 0, height: 0 };
  #observed: Element | null = null;
  #previewFrame = 0;

  constructor(host: FramingHost, options: FramingOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get working(): DecodedImage | null {
    return this.#working;
  }

  /** Laid out and ready to export. */
  get ready(): boolean {
    return this.#bounds !== null;
  }

  get locked(): boolean {
    return this.#options.locked();
  }

  /** 1 is the largest square on the image; up to MAX_ZOOM. */
  get zoom(): number {
    const selection = this.#selection();
    return this.#bounds && selection?.width ? Math.min(this.#bounds.width, this.#bounds.height) / selection.width : 1;
  }

  get framing(): Framing {
    return framingOf(this.#orientation);
  }

  /** Takes a new image to frame; `layOutAfresh()` once the stage is rendered. */
  take(image: DecodedImage): void {
    this.release();
    this.#working = image;
  }

  release(): void {
    this.#working?.release();
    this.#working = null;
    this.#bounds = null;
    this.#orientation = UPRIGHT;
  }

  /** Waits for cropper-image, then shows the upright image as large as fits with the largest centred square. */
  async layOutAfresh(): Promise<void> {
    const image = this.#image();
    if (!image) return;
    // After cropper-image's own load handler (which centres the image its way), never before it:
    // `$ready()` can resolve first for an image the page has already loaded. `$isReady` is protected
    // in its types, set by that handler.
    if (!(image as unknown as { $isReady: boolean }).$isReady) {
      await new Promise<void>((resolve, reject) => {
        image.$image.addEventListener('load', () => resolve(), { once: true });
        image.$image.addEventListener('error', () => reject(new AvatarCropperError('decode-failed', 'The stage could not show the image')), { once: true });
      });
    }
    this.#orientation = UPRIGHT;
    this.#layOut(null, 1);
  }

  /** Rotates or flips the image; the square stays on the same part of it, at the same zoom. */
  turn(turn: Turn): void {
    if (this.locked || !this.#bounds) return;
    const centre = this.#centre();
    this.#orientation = turned(this.#orientation, turn);
    this.#layOut(centre && turn.point(...centre), this.zoom);
    this.#options.changed();
  }

  reset = (): void => {
    if (this.locked || !this.#bounds) return;
    this.#orientation = UPRIGHT;
    this.#layOut(null, 1);
    this.#options.changed();
  };

  /** Zooms in by `factor` (below 1: out) around the square's centre. */
  zoomBy(factor: number): void {
    this.zoomTo(this.zoom * factor);
  }

  zoomTo(zoom: number): void {
    const selection = this.#selection();
    const bounds = this.#bounds;
    if (this.locked || !selection || !bounds) return;
    const side = Math.min(bounds.width, bounds.height) / Math.min(Math.max(zoom, 1), MAX_ZOOM);
    selection.$change(selection.x + (selection.width - side) / 2, selection.y + (selection.height - side) / 2, side, side);
    this.#options.changed();
  }

  moveBy(dx: number, dy: number): void {
    if (!this.locked) this.#selection()?.$move(dx, dy);
  }

  /** cropper-selection's `change`, before it applies: a square that would leave the image is replaced by one that does not. */
  onSelectionChange = (event: CustomEvent<Rect>): void => {
    const selection = event.target as CropperSelection;
    const bounds = this.#bounds;
    if (bounds) {
      const kept = keepInside(event.detail, selection, bounds, MAX_ZOOM);
      if (kept !== event.detail) {
        event.preventDefault();
        selection.$change(kept.x, kept.y, kept.width, kept.height);
        return;
      }
    }
    this.#schedulePreviews();
    this.#host.requestUpdate(); // the slider shows the new zoom
  };

  /** The crop as a `side` x `side` canvas, drawn by cropper-selection's `$toCanvas` (on `fill`, if given). */
  toCanvas(side: number, fill: string | null): Promise<HTMLCanvasElement> {
    const selection = this.#selection();
    if (!selection || !this.#bounds) return Promise.reject(new AvatarCropperError('encode-failed', 'Nothing is framed'));
    return selection.$toCanvas({
      width: side,
      height: side,
      beforeDraw: (context: CanvasRenderingContext2D) => {
        context.imageSmoothingEnabled = true;
        context.imageSmoothingQuality = 'high';
        if (!fill) return;
        context.fillStyle = fill;
        context.fillRect(0, 0, side, side);
      },
    });
  }

  hostConnected(): void {
    this.#observe(this.#canvas());
  }

  hostDisconnected(): void {
    this.#resizeObserver.disconnect();
    this.#observed = null;
  }

  hostUpdated(): void {
    const canvas = this.#canvas();
    if (canvas !== this.#observed) this.#observe(canvas);
    this.#schedulePreviews();
  }

  #find<T extends Element>(selector: string): T | null {
    return this.#host.renderRoot?.querySelector<T>(selector) ?? null;
  }

  #canvas = () => this.#find<CropperCanvas>('.stage cropper-canvas');
  #image = () => this.#find<CropperImage>('.stage cropper-image');
  #selection = () => this.#find<CropperSelection>('.stage cropper-selection');

  #observe(canvas: Element | null): void {
    this.#resizeObserver.disconnect();
    if (canvas) this.#resizeObserver.observe(canvas);
    this.#observed = canvas;
  }

  /** Where the square's centre is on the image's box, 0..1. */
  #centre(): [number, number] | null {
    const selection = this.#selection();
    const bounds = this.#bounds;
    if (!selection || !bounds) return null;
    return [(selection.x + selection.width / 2 - bounds.x) / bounds.width, (selection.y + selection.height / 2 - bounds.y) / bounds.height];
  }

  /** Lays the image out on the canvas as it is now sized, with the square at `centre` (0..1 of the image; default its middle) and `zoom`. */
  #layOut(centre: [number, number] | null, zoom: number): void {
    const canvas = this.#canvas();
    const image = this.#image();
    const selection = this.#selection();
    if (!canvas || !image || !selection || !this.#working) return;
    this.#canvasSize = { width: canvas.clientWidth, height: canvas.clientHeight };
    const natural = { width: image.$image.naturalWidth, height: image.$image.naturalHeight };
    if (!this.#canvasSize.width || !this.#canvasSize.height || !natural.width) {
      this.#bounds = null;
      return;
    }
    const { matrix, bounds } = layOut(this.#canvasSize, natural, this.#orientation);
    image.$setTransform(matrix);
    this.#bounds = bounds;
    const side = Math.min(bounds.width, bounds.height) / zoom;
    const [u, v] = centre ?? [0.5, 0.5];
    const square = { x: bounds.x + u * bounds.width - side / 2, y: bounds.y + v * bounds.height - side / 2, width: side, height: side };
    const kept = keepInside(square, square, bounds, MAX_ZOOM);
    selection.$change(kept.x, kept.y, kept.width, kept.height);
    this.#host.requestUpdate();
  }

  #onStageResize(): void {
    const canvas = this.#canvas();
    if (!canvas || !this.#bounds) return;
    if (canvas.clientWidth === this.#canvasSize.width && canvas.clientHeight === this.#canvasSize.height) return;
    this.#layOut(this.#centre(), this.zoom);
  }

  /** The live previews draw exactly what Confirm will encode, at 128 and 32 px, once per frame. */
  #schedulePreviews(): void {
    if (this.#previewFrame) return;
    this.#previewFrame = requestAnimationFrame(() => {
      this.#previewFrame = 0;
      void this.#paintPreviews();
    });
  }

  async #paintPreviews(): Promise<void> {
    const previews = [...this.#host.renderRoot.querySelectorAll<HTMLCanvasElement>('.previews canvas')];
    if (!previews.length || !this.#bounds) return;
    const ratio = devicePixelRatio || 1;
    const sides = PREVIEW_SIDES.map((side) => Math.round(side * ratio));
    const crops = await Promise.all(sides.map((side) => this.toCanvas(side, null).catch(() => null)));
    previews.forEach((preview, index) => {
      const crop = crops[index];
      if (!crop) return;
      preview.width = preview.height = sides[index]!;
      preview.getContext('2d')?.drawImage(crop, 0, 0);
    });
  }
}
