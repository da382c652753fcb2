/** The only runtime dependency of <avatar-cropper>, lit, bundled like the element: the bundle-size row's baseline. */
export { css, html, LitElement, nothing } from 'lit';
