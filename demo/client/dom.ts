/** Builds elements without HTML strings, so no text from the API needs escaping. */
export function h(tag: string, attributes: Record<string, string | boolean | undefined> = {}, ...children: (Node | string | null | undefined)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  for (const child of children) if (child !== null && child !== undefined) element.append(child);
  return element;
}

export function shadow(host: HTMLElement, styles: string, init: ShadowRootInit = { mode: 'open' }): ShadowRoot {
  const root = host.shadowRoot ?? host.attachShadow(init);
  root.replaceChildren(h('style', {}, styles));
  return root;
}
