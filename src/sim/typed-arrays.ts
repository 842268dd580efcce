/** Growing the typed arrays that hold per-event, per-frame and per-transfer state. */

type TypedArray = Float64Array | Int32Array | Uint32Array | Uint8Array;

/** A copy of `a` with room for `length` elements; the new ones hold `fill`. */
export function grown<T extends TypedArray>(a: T, length: number, fill = 0): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  if (fill !== 0) b.fill(fill);
  b.set(a);
  return b;
}
