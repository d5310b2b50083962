// Colours of the charts. The named colours of the portal (ink, muted, and the colour of each source
// badge: verified, reference, literature, claimed) live only in mtlboard.css as custom properties of
// :root; charts read them from there, so a badge and its bars always agree.

const FALLBACK = '#666';
const read = new Map();

// The value of a custom property of :root such as '--ink', or the fallback when it has none.
export function cssColour(property, fallback) {
  if (!read.has(property)) {
    const value = getComputedStyle(document.documentElement).getPropertyValue(property).trim();
    if (!value) {
      return fallback || FALLBACK;
    }
    read.set(property, value);
  }
  return read.get(property);
}

// The colour of a row's source badge.
export function sourceColour(source) {
  return /^[a-z]+$/.test(source || '') ? cssColour('--' + source) : FALLBACK;
}

// Series without a colour of their own take the palette's colours in turn.
const PALETTE = ['#1f5fa8', '#d1495b', '#2e8b57', '#edae49', '#7a5195', '#00798c', '#b36b00', '#6b7280',
  '#c0392b', '#3d5a80', '#8e44ad', '#16a085', '#d35400', '#2c3e50'];

export function seriesColour(i) {
  return PALETTE[i % PALETTE.length];
}

// The n-th round of the palette draws dashed (and with other point shapes): series i and
// i + 14 share a colour but not a look.
const DASHES = [undefined, [6, 3], [2, 2], [10, 3, 2, 3]];
const POINTS = ['circle', 'triangle', 'rect', 'rectRot'];

export function seriesDash(i) {
  return DASHES[Math.floor(i / PALETTE.length) % DASHES.length];
}

export function seriesPoint(i) {
  return POINTS[Math.floor(i / PALETTE.length) % POINTS.length];
}
