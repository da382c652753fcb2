import type { AvatarCropperError } from './errors.ts';
import type { Framing } from './stage/orientation.ts';
import { format, locales } from './locales/index.ts';
import type { Strings, StringsOverride } from './strings.ts';

/** The table of language `tag` with `override` merged over it. */
export function textFor(tag: string, override: StringsOverride | undefined): Strings {
  const table = locales[tag]!;
  const extra = override ?? {};
  return { ...table, ...extra, errors: { ...table.errors, ...extra.errors } } as Strings;
}

export function formatNumber(tag: string, value: number, options: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(tag, options).format(value);
}

/** The sentence for an error; size limits name both numbers, in megabytes or megapixels. */
export function errorMessage(t: Strings, tag: string, error: AvatarCropperError): string {
  const limit = error.limit;
  if (!limit) return t.errors[error.code];
  const bytes = limit.unit === 'bytes';
  const millions = (value: number) =>
    formatNumber(tag, value / 1e6, { maximumSignificantDigits: 3, ...(bytes && { style: 'unit', unit: 'megabyte' }) });
  return format(bytes ? t.errors['too-large'] : t.tooManyPixels, millions(limit.actual), millions(limit.max));
}

/** "Zoom 150%, rotation 90°" (and "(mirrored)"), for the polite live region. */
export function framingStatus(t: Strings, tag: string, zoom: number, { rotation, flipped }: Framing): string {
  const status = format(
    t.status,
    formatNumber(tag, zoom, { style: 'percent' }),
    formatNumber(tag, rotation, { style: 'unit', unit: 'degree', unitDisplay: 'narrow' }),
  );
  return flipped ? `${status} ${t.mirrored}` : status;
}
