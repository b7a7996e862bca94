// § numbering runs on through the body's calendar year ("§§ 71–85"), or from § 1 in every sitting, per body.
export interface SeriesSitting {
  id: string;
  /** Swedish date YYYY-MM-DD. */
  date: string;
  startsAt: string;
  /** The highest § given in the sitting, 0 if none yet. */
  lastParagraph: number;
}

export function firstParagraph(
  series: 'year' | 'sitting',
  sitting: { id: string; date: string; startsAt: string },
  bodySittings: readonly SeriesSitting[],
): number {
  if (series === 'sitting') return 1;
  const year = sitting.date.slice(0, 4);
  const earlier = bodySittings.filter(
    (s) =>
      s.id !== sitting.id &&
      s.date.slice(0, 4) === year &&
      (s.startsAt < sitting.startsAt || (s.startsAt === sitting.startsAt && s.id < sitting.id)),
  );
  return Math.max(0, ...earlier.map((s) => s.lastParagraph)) + 1;
}
