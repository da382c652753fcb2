// axe-core's browser build registers `window.axe` when imported as a script module.
declare module 'axe-core/axe.min.js';
