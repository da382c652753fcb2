export interface FileIntake {
  /** Whether a file would be taken now (not disabled, not busy). */
  ready(): boolean;
  /** A file is being dragged over the host, or no longer. */
  dragging(over: boolean): void;
  take(file: File): void;
}

/** Lets people drop an image file onto `host`, or paste one (from the clipboard) while focus is inside it. */
export function listenForFiles(host: HTMLElement, intake: FileIntake): void {
  host.addEventListener('dragover', (event) => {
    if (!intake.ready() || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    intake.dragging(true);
  });
  host.addEventListener('dragleave', (event) => {
    const to = event.relatedTarget;
    if (!(to instanceof Node && (to === host || host.contains(to)))) intake.dragging(false);
  });
  host.addEventListener('drop', (event) => {
    intake.dragging(false);
    const file = event.dataTransfer?.files[0];
    if (!intake.ready() || !file) return;
    event.preventDefault();
    intake.take(file);
  });
  host.addEventListener('paste', (event) => {
    const data = event.clipboardData;
    if (!intake.ready() || !data) return;
    const file = data.files[0] ?? Array.from(data.items).find((item) => item.kind === 'file')?.getAsFile();
    if (!file) return;
    event.preventDefault();
    intake.take(file);
  });
}
