/**
 * Whether an `accept` list (as on `<input type=file>`: MIME types, `type/*` wildcards
 * and `.ext` suffixes) admits an image of the given real type and optional file name.
 * An empty list admits everything.
 */
export function acceptsType(accept: string, type: string, fileName = ''): boolean {
  const tokens = accept
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter(Boolean);
  if (tokens.length === 0) return true;
  const name = fileName.toLowerCase();
  const extensions = extensionsOf(type);
  return tokens.some((token) => {
    if (token.startsWith('.')) return name.endsWith(token) || extensions.includes(token);
    if (token.endsWith('/*')) return type.startsWith(token.slice(0, -1));
    return token === type;
  });
}

function extensionsOf(type: string): string[] {
  const subtype = type.split('/')[1] ?? '';
  switch (subtype) {
    case 'jpeg':
      return ['.jpg', '.jpeg', '.jpe', '.jfif'];
    case 'svg+xml':
      return ['.svg'];
    case 'x-icon':
      return ['.ico'];
    case 'tiff':
      return ['.tif', '.tiff'];
    case 'heic':
    case 'heif':
      return ['.heic', '.heif'];
    default:
      return [`.${subtype}`];
  }
}
