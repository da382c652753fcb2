/** What each key does on the crop area (Shift makes arrow steps bigger; Shift+R is "R"). */
export const FRAMING_KEYS: Record<string, string> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  '+': 'in',
  '=': 'in',
  '-': 'out',
  _: 'out',
  r: 'rotateRight',
  R: 'rotateLeft',
  f: 'flip',
  F: 'flip',
  '0': 'reset',
  Enter: 'confirm',
};
