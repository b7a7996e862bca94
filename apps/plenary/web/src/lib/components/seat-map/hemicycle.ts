// The seat map's layout (issue 15): seats in rows of a hemicycle, each seat an annular sector drawn by d3-shape. The
// rows' seats are spread by d3's pie; the party blocks run from left to right across the rows, as in a chamber.
import { arc, pie } from 'd3-shape';

export interface SeatInput {
  number: number;
  party: string;
}

export interface PlacedSeat<S extends SeatInput = SeatInput> {
  seat: S;
  /** 0 is the innermost row. */
  row: number;
  innerRadius: number;
  outerRadius: number;
  /** d3's angles: radians clockwise from 12 o'clock; the hemicycle runs from −π/2 (left) to π/2 (right). */
  startAngle: number;
  endAngle: number;
  /** The SVG path of the seat, centred on (0, 0) with the outer row at radius 1. */
  path: string;
  /** The seat's centre, for a mark drawn on it. */
  centroid: [number, number];
}

/** The innermost row's radius, the outer row's being 1: the inner space is the presidium's. */
const INNER = 0.36;
/** Gap between rows, as a part of a row's depth, and between seats of a row, in radians at radius 1. */
const ROW_GAP = 0.18;
const SEAT_PAD = 0.012;

/**
 * Rows for n seats so that seats come out about as wide as deep: with R rows from INNER to 1, a row of radius r holds
 * about πr·R/(1−INNER) seats, so n ≈ πR²(1+INNER)/(2(1−INNER)).
 */
export function rowCount(n: number): number {
  if (n <= 0) return 0;
  const perRowSquared = (Math.PI * (1 + INNER)) / (2 * (1 - INNER));
  return Math.max(1, Math.min(n, Math.round(Math.sqrt(n / perRowSquared))));
}

/** Seats in each row, inner first, in proportion to the row's radius; the rounding is settled on the outer rows. */
export function rowSizes(n: number): number[] {
  const rows = rowCount(n);
  if (rows === 0) return [];
  const radii = Array.from({ length: rows }, (_, i) =>
    rows === 1 ? 1 : INNER + ((1 - INNER) * i) / (rows - 1),
  );
  const total = radii.reduce((a, b) => a + b, 0);
  const sizes = radii.map((r) => Math.max(1, Math.round((n * r) / total)));
  let diff = n - sizes.reduce((a, b) => a + b, 0);
  for (let i = rows - 1; diff !== 0; i = i === 0 ? rows - 1 : i - 1) {
    const step = diff > 0 ? 1 : -1;
    const size = sizes[i] ?? 0;
    if (size + step >= 1) {
      sizes[i] = size + step;
      diff -= step;
    }
  }
  return sizes;
}

/** Parties in the order of their first seat by number; seats by party in that order, then by seat number. */
export function partyOrder<S extends SeatInput>(seats: readonly S[]): S[] {
  const first = new Map<string, number>();
  for (const s of seats) first.set(s.party, Math.min(first.get(s.party) ?? Infinity, s.number));
  return [...seats].sort(
    (a, b) =>
      (first.get(a.party) ?? 0) - (first.get(b.party) ?? 0) ||
      a.party.localeCompare(b.party) ||
      a.number - b.number,
  );
}

/** Every seat placed once: the places of all rows sorted by angle (left to right), filled in party order. */
export function hemicycle<S extends SeatInput>(seats: readonly S[]): PlacedSeat<S>[] {
  const sizes = rowSizes(seats.length);
  const depth = (1 - INNER) / Math.max(1, sizes.length);
  const draw = arc<{
    innerRadius: number;
    outerRadius: number;
    startAngle: number;
    endAngle: number;
  }>();
  const places = sizes.flatMap((size, row) => {
    const innerRadius = INNER + depth * row;
    const r = innerRadius + depth * (1 - ROW_GAP);
    const slices = pie<number>()
      .sort(null)
      .startAngle(-Math.PI / 2)
      .endAngle(Math.PI / 2)
      .padAngle(SEAT_PAD / r)(new Array<number>(size).fill(1));
    return slices.map((slice) => ({
      row,
      innerRadius,
      outerRadius: r,
      // The pad is taken off both sides, so neighbours never touch.
      startAngle: slice.startAngle + slice.padAngle / 2,
      endAngle: slice.endAngle - slice.padAngle / 2,
    }));
  });
  places.sort((a, b) => a.startAngle + a.endAngle - (b.startAngle + b.endAngle) || a.row - b.row);
  // rowSizes gives exactly one place per seat.
  return partyOrder(seats).flatMap((seat, i) => {
    const place = places[i];
    if (!place) return [];
    return {
      seat,
      ...place,
      path: draw(place) ?? '',
      centroid: draw.centroid(place),
    };
  });
}

const mid = (p: { startAngle: number; endAngle: number }) => (p.startAngle + p.endAngle) / 2;

/**
 * Each party's span of the hemicycle, for the band of party colours outside the outer row: parties meet halfway
 * between the last seat of one and the first of the next, left to right.
 */
export function partySpans<S extends SeatInput>(
  placed: readonly PlacedSeat<S>[],
): { party: string; startAngle: number; endAngle: number; path: string }[] {
  const band = arc<{ startAngle: number; endAngle: number }>().innerRadius(1.02).outerRadius(1.06);
  const spans: { party: string; startAngle: number; endAngle: number; path: string }[] = [];
  placed.forEach((p, i) => {
    const next = placed[i + 1];
    const endAngle = next ? (mid(p) + mid(next)) / 2 : Math.PI / 2;
    const last = spans.at(-1);
    if (last && last.party === p.seat.party) last.endAngle = endAngle;
    else
      spans.push({
        party: p.seat.party,
        startAngle: last ? last.endAngle : -Math.PI / 2,
        endAngle,
        path: '',
      });
  });
  for (const s of spans) s.path = band(s) ?? '';
  return spans;
}
