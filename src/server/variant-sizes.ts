/**
 * The only square sizes the public routes ever compute (`?size=`), smallest first. Other values
 * redirect to the next larger one, so a public client can cause at most this many resizes per avatar.
 * Another part stores variants at upload time from this same list.
 */
export const VARIANT_SIZES = [16, 24, 32, 48, 64, 96, 128, 192, 256, 512, 1024] as const;

/** The sizes offered for avatars of `outputSize`: the fixed set below it, and the avatar itself. */
export function variantSizes(outputSize: number): number[] {
  return [...VARIANT_SIZES.filter((size) => size < outputSize), outputSize];
}

/** The offered size a request for `wanted` pixels gets: the smallest one at least as large (or the largest). */
export function snapSize(wanted: number, outputSize: number): number {
  const sizes = variantSizes(outputSize);
  return sizes.find((size) => size >= wanted) ?? outputSize;
}
