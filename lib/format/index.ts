export { formatCents, formatDollars, formatDollarsCompact, type TNegativeStyle } from "./format-money";
export { formatHours } from "./format-hours";
export { formatDate, formatDateRange, formatWeekLabel, formatWeekRange } from "./format-week";
export { formatPercent } from "./format-percent";
export { formatCount } from "./format-count";
export { formatFigure, formatFigureChange, formatRelativeChange, type TFigureUnit } from "./format-change";
