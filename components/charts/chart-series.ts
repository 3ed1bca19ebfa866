/** One series of a chart: the data key, its legend label and colour (use CAUSE_COLORS for causes). */
export type TChartSeries = {
  key: string;
  label: string;
  color: string;
  /** Fill bars with diagonal hatching (documentation estimates; colour is never the only signal). */
  isHatched?: boolean;
  /** Draw a line dashed. */
  isDashed?: boolean;
};
