/**
 * Which name tags are drawn (SPEC AV4): each tag is its own textured plane and costs a draw call, so
 * with many people only the nearest {@link MAX_TAGS} within {@link TAG_RANGE} metres are drawn, the
 * far ones fading out over the last {@link TAG_FADE} metres instead of popping. Pure: the avatar
 * system feeds it distances and applies what it returns.
 */

/** At most this many tags are drawn at once: the nearest. */
export const MAX_TAGS = 16;
/** Metres from the viewer beyond which no tag is drawn. */
export const TAG_RANGE = 14;
/** Over the last metres before TAG_RANGE a tag fades out. */
export const TAG_FADE = 3;

/**
 * Writes into `out[i]` the opacity of tag i, 0 (not drawn) … 1, from `distances[i]` (metres): the
 * `max` nearest within `range` are drawn, fading over the last `fade` metres; ties go to the lower
 * index. `order` is scratch space (no allocation per frame); both arrays are at least as long as
 * `count`.
 */
export function tagOpacities(
  distances: ArrayLike<number>,
  count: number,
  out: number[],
  order: number[],
  max = MAX_TAGS,
  range = TAG_RANGE,
  fade = TAG_FADE,
): void {
  order.length = count;
  for (let i = 0; i < count; i++) {
    order[i] = i;
    out[i] = 0;
  }
  // Only when there are more in range than may be drawn does the order matter.
  if (count > max) order.sort((a, b) => distances[a]! - distances[b]! || a - b);
  let drawn = 0;
  for (let k = 0; k < count && drawn < max; k++) {
    const i = order[k]!;
    const d = distances[i]!;
    if (!(d < range)) continue;
    out[i] = Math.min(1, (range - d) / fade);
    drawn++;
  }
}
