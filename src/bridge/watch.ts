import { deepShadowRoots } from './deep-query.ts';

/**
 * Calls `scan` whenever authentik may have rendered a new stage: on start, on DOM changes in the page
 * and in every shadow root (watched as they appear), on composed `input` events and on authentik's
 * `ak-flow-advance`. Scans are batched to one per animation frame. Nothing is cached between scans.
 */
export function watch(scan: () => void): () => void {
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      observeShadowRoots();
      scan();
    });
  };

  const observed = new WeakSet<Node>();
  const observer = new MutationObserver(schedule);
  const observe = (node: Node) => {
    if (observed.has(node)) return;
    observed.add(node);
    observer.observe(node, { childList: true, subtree: true });
  };
  const observeShadowRoots = () => deepShadowRoots(document).forEach(observe);

  observe(document);
  document.addEventListener('input', schedule, true);
  window.addEventListener('ak-flow-advance', schedule);
  schedule();

  return () => {
    observer.disconnect();
    document.removeEventListener('input', schedule, true);
    window.removeEventListener('ak-flow-advance', schedule);
  };
}


