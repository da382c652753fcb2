import fc from 'fast-check';

/**
 * fast-check generators of SVG documents mixing ordinary drawing with the attacks the sanitizer
 * must defuse: scripts, foreign content, event handlers, javascript: and external links, url() and
 * @import in attributes and style sheets, with case, whitespace, entity and CSS-escape tricks.
 * Every document is well-formed XML with a sized <svg> root, so what the sanitizer decides is
 * decided on content, not on a parse error.
 */

const SVG = 'http://www.w3.org/2000/svg';
const XHTML = 'http://www.w3.org/1999/xhtml';

const ELEMENTS = [
  'g', 'defs', 'symbol', 'use', 'path', 'rect', 'circle', 'text', 'tspan', 'linearGradient', 'stop', 'pattern',
  'clipPath', 'mask', 'filter', 'feImage', 'feTurbulence', 'image', 'style', 'a', 'switch', 'title',
  // hostile or unknown
  'script', 'SCRIPT', 'Script', 'foreignObject', 'foreignobject', 'iframe', 'animate', 'set', 'handler', 'listener',
  'html:script', 'html:iframe', 'html:body', 'object', 'embed', 'font-face', 'discard',
];

const ATTRIBUTES = [
  'id', 'class', 'fill', 'stroke', 'style', 'transform', 'filter', 'mask', 'clip-path', 'marker-end', 'd', 'x', 'width',
  'href', 'xlink:href', 'src', 'values', 'to', 'from', 'begin', 'attributeName', 'requiredExtensions', 'type',
  'onload', 'onclick', 'OnMouseOver', 'ONERROR', 'onbegin', 'html:onclick', 'xml:base', 'xml:space', 'xmlns:evil',
];

/** Attribute values as raw XML text (already escaped), so entity tricks reach the parser intact. */
const VALUES = [
  'red', '#a', ' #a ', 'a', 'M0 0L10 10', 'rotate(45)', '0.5', 'fill', 'indefinite', 'text/ecmascript', 'preserve',
  'url(#a)', 'url( &quot;#a&quot; )', "url('#a')", 'URL(#a)',
  'data:image/png;base64,iVBORw0KGgo=', 'data:image/gif;base64,R0lGODlhAQABAAAAACw=',
  'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java&#x09;script:alert(1)', '&#x6A;avascript:alert(1)',
  'vbscript:msgbox(1)', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', 'data:image/svg+xml;base64,PHN2Zy8+',
  'https://evil.example/x.svg#a', '//evil.example/x', 'file:///etc/passwd', 'http://169.254.169.254/latest',
  'url(https://evil.example/p.svg#g)', 'url(//evil.example/p)', 'u\\72l(https://evil.example/x)', 'url(/*x*/https://evil.example)',
  'fill: url(https://evil.example/x)', 'fill: red; background: url(&quot;https://evil.example&quot;)',
  'expression(alert(1))', 'behavior: url(x.htc)', '-moz-binding: url(x.xml#b)', 'image-set(&quot;https://evil.example/x.png&quot; 1x)',
  '@import url(https://evil.example/a.css)', 'alert(1)', '&lt;script&gt;alert(1)&lt;/script&gt;',
];

/** Contents of <style> elements, as raw XML text. */
const STYLES = [
  'rect { fill: red }', '.a { fill: url(#a) }', '@import url(https://evil.example/a.css);', '@import "x.css";',
  'rect { fill: url(https://evil.example/x) }', 'rect { fill: u\\72l(https://evil.example/x) }', '@font-face { src: url(x.woff) }',
  '/* url(https://evil.example) */ rect { fill: blue }', 'rect { background: url(data:image/png;base64,iVBORw0KGgo=) }',
  '&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;', '<![CDATA[ rect { fill: url(javascript:alert(1)) } ]]>',
  '<![CDATA[ rect { fill: green } ]]>', '@\\69mport url(https://evil.example/a.css);',
];

const TEXTS = ['', 'hello', 'a &amp; b', '<!-- comment -->', '<![CDATA[ <script>alert(1)</script> ]]>', 'javascript:alert(1)'];

interface Node {
  name: string;
  attributes: [string, string][];
  children: (Node | string)[];
}

const attributes = fc.uniqueArray(fc.tuple(fc.constantFrom(...ATTRIBUTES), fc.constantFrom(...VALUES)), { maxLength: 5, selector: ([name]) => name });

const { node } = fc.letrec<{ node: Node; child: Node | string }>((tie) => ({
  node: fc.record({
    name: fc.constantFrom(...ELEMENTS),
    attributes,
    children: fc.array(tie('child'), { maxLength: 3, depthIdentifier: 'svg' }),
  }),
  child: fc.oneof({ depthSize: 'small', depthIdentifier: 'svg' }, fc.constantFrom(...TEXTS), tie('node')),
}));

function serialize(element: Node): string {
  const attributes = element.attributes.map(([name, value]) => ` ${name}="${value}"`).join('');
  // A style element holds a style sheet, whatever children the tree gave it.
  const body = element.name === 'style' ? '' : element.children.map((child) => (typeof child === 'string' ? child : serialize(child))).join('');
  return `<${element.name}${attributes}>${body}</${element.name}>`;
}

/** A whole SVG document (as text) built from hostile and harmless parts. */
export const hostileSvg = fc
  .tuple(fc.array(node, { maxLength: 4 }), fc.array(fc.constantFrom(...STYLES), { maxLength: 2 }), attributes)
  .map(([children, styles, rootAttributes]) => {
    const root = rootAttributes.filter(([name]) => !name.startsWith('xmlns')).map(([name, value]) => ` ${name}="${value}"`).join('');
    return (
      `<svg xmlns="${SVG}" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:html="${XHTML}" viewBox="0 0 10 10"${root}>` +
      styles.map((css) => `<style>${css}</style>`).join('') +
      children.map(serialize).join('') +
      '</svg>'
    );
  });
