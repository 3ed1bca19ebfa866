import { layoutTimeline, MISSING_STOP_STUB_MINUTES, type TTimelineAdministration } from "./timeline-layout";

export type EncounterTimelineProps = {
  administrations: readonly (TTimelineAdministration & { startLocal: string; stopLocal: string | null })[];
  timeZone: string;
};

const CATEGORY_FILL: Record<string, string> = { chemo: "#0f766e", therapeutic: "#14b8a6", hydration: "#99f6e4" };
const CATEGORY_STROKE: Record<string, string> = { chemo: "#0f766e", therapeutic: "#0d9488", hydration: "#0d9488" };
const CATEGORY_LABELS: Record<string, string> = { chemo: "Chemo / complex", therapeutic: "Therapeutic", hydration: "Hydration" };
const ROUTE_LABELS: Record<string, string> = {
  iv_infusion: "IV infusion",
  iv_push: "IV push",
  subq_infusion: "SC infusion",
  injection: "Injection",
  intra_arterial: "Intra-arterial",
  other: "Other",
};

const WIDTH = 960;
const LABEL_WIDTH = 210;
const RIGHT_PAD = 40;
const ROW_HEIGHT = 34;
const TOP = 12;
const AXIS_HEIGHT = 28;

function offsetMinutes(timeZone: string, at: number): number {
  try {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(new Date(at));
    const name = parts.find((part) => part.type === "timeZoneName")?.value ?? "GMT";
    const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
    if (!match) return 0;
    const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);

    return match[1] === "-" ? -minutes : minutes;
  } catch {
    return 0;
  }
}

function timeLabel(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" }).format(new Date(at));
}

function wallClock(local: string | null): string {
  if (!local) return "not documented";
  const [date, time] = local.split("T");

  return `${time ?? ""} (${date ?? ""})`;
}

function duration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;

  return hours ? `${hours} h ${rest ? `${rest} min` : ""}`.trim() : `${rest} min`;
}

/**
 * The encounter's administrations on a time axis in the practice's local time: one row per drug,
 * bars for infusions, diamonds for pushes, a hatched open end for a missing stop, and a dashed
 * overlay where infusions overlap (concurrency). Plain SVG rendered on the server: no animation,
 * prints as vector. Every mark has a <title> tooltip; the table below the chart repeats the data.
 */
export function EncounterTimeline({ administrations, timeZone }: EncounterTimelineProps) {
  const layout = layoutTimeline(administrations, (at) => offsetMinutes(timeZone, at));
  const byId = new Map(administrations.map((administration) => [administration.id, administration]));
  const height = TOP + layout.rows.length * ROW_HEIGHT + AXIS_HEIGHT;
  const plotWidth = WIDTH - LABEL_WIDTH - RIGHT_PAD;
  const span = Math.max(layout.axisEnd - layout.axisStart, 1);
  const x = (at: number) => LABEL_WIDTH + ((at - layout.axisStart) / span) * plotWidth;
  const rowY = (row: number) => TOP + row * ROW_HEIGHT;
  const plotBottom = TOP + layout.rows.length * ROW_HEIGHT;
  const summary = `${administrations.length} administrations of ${layout.rows.length} drugs from ${timeLabel(layout.axisStart, timeZone)} to ${timeLabel(layout.axisEnd, timeZone)}${layout.overlaps.length ? `, with ${layout.overlaps.length} overlap window(s)` : ""}.`;

  return (
    <figure className="timeline" data-testid="encounter-timeline">
      <ul className="chart-legend timeline-legend" aria-label="Legend">
        {Object.entries(CATEGORY_LABELS).map(([category, label]) => (
          <li key={category}>
            <span className="legend-swatch" style={{ background: CATEGORY_FILL[category], border: `1px solid ${CATEGORY_STROKE[category]}` }} aria-hidden="true" />
            {label}
          </li>
        ))}
        <li>
          <svg width="12" height="12" aria-hidden="true">
            <path d="M6 0 L12 6 L6 12 L0 6 Z" fill="#334155" />
          </svg>
          Push / injection
        </li>
        <li>
          <svg width="22" height="12" aria-hidden="true">
            <rect x="0" y="1" width="10" height="10" fill="#14b8a6" />
            <rect x="10" y="1" width="12" height="10" fill="url(#timeline-hatch-legend)" stroke="#b45309" strokeDasharray="2 2" />
            <defs>
              <pattern id="timeline-hatch-legend" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="2" height="4" fill="#b45309" />
              </pattern>
            </defs>
          </svg>
          No stop time
        </li>
        <li>
          <span className="legend-overlap" aria-hidden="true" />
          Infusions overlap
        </li>
      </ul>
      <svg
        className="timeline-svg"
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-label={`Timeline: ${summary}`}
        preserveAspectRatio="xMinYMin meet"
      >
        <defs>
          <pattern id="timeline-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#fffbeb" />
            <rect width="2.5" height="6" fill="#b45309" />
          </pattern>
          <linearGradient id="timeline-fade" x1="0" x2="1" y1="0" y2="0">
            <stop offset="0" stopColor="#fff" stopOpacity="0" />
            <stop offset="1" stopColor="#fff" stopOpacity="0.85" />
          </linearGradient>
        </defs>

        {layout.rows.map((row, index) => (
          <g key={row.drug}>
            {index % 2 === 1 ? <rect x={LABEL_WIDTH} y={rowY(index)} width={plotWidth} height={ROW_HEIGHT} fill="#f8fafc" /> : null}
            <text x={LABEL_WIDTH - 10} y={rowY(index) + ROW_HEIGHT / 2 + 4} textAnchor="end" fontSize="13" fill="#0f172a">
              <title>{`${row.drug} (${CATEGORY_LABELS[row.category] ?? row.category})`}</title>
              {row.drug.length > 22 ? `${row.drug.slice(0, 21)}…` : row.drug}
            </text>
          </g>
        ))}

        {layout.ticks.map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={TOP} y2={plotBottom} stroke="#e2e8f0" />
            <text x={x(tick)} y={plotBottom + 18} textAnchor="middle" fontSize="12" fill="#475569">
              {timeLabel(tick, timeZone)}
            </text>
          </g>
        ))}
        <line x1={LABEL_WIDTH} x2={WIDTH - RIGHT_PAD} y1={plotBottom} y2={plotBottom} stroke="#94a3b8" />

        {layout.overlaps.map((overlap) => (
          <rect
            key={`${overlap.start}-${overlap.end}`}
            className="timeline-overlap"
            x={x(overlap.start)}
            y={TOP + 1}
            width={Math.max(x(overlap.end) - x(overlap.start), 2)}
            height={plotBottom - TOP - 2}
            fill="rgba(71, 85, 105, 0.07)"
            stroke="#475569"
            strokeWidth="1.5"
            strokeDasharray="5 4"
          >
            <title>{`Infusions overlap ${timeLabel(overlap.start, timeZone)} – ${timeLabel(overlap.end, timeZone)} (${duration(Math.round((overlap.end - overlap.start) / 60_000))})`}</title>
          </rect>
        ))}

        {layout.marks.map((mark) => {
          const administration = byId.get(mark.id);
          const y = rowY(mark.row);
          const fill = CATEGORY_FILL[mark.category] ?? "#94a3b8";
          const stroke = CATEGORY_STROKE[mark.category] ?? "#475569";
          const route = ROUTE_LABELS[mark.route] ?? mark.route;
          if (mark.kind === "push") {
            const cx = x(mark.at);
            const cy = y + ROW_HEIGHT / 2;

            return (
              <path key={mark.id} className="timeline-push" d={`M${cx} ${cy - 8} L${cx + 8} ${cy} L${cx} ${cy + 8} L${cx - 8} ${cy} Z`} fill="#334155" stroke="#fff" strokeWidth="1.5">
                <title>{`${administration?.drug ?? ""}: ${route} at ${wallClock(administration?.startLocal ?? null)}`}</title>
              </path>
            );
          }
          const x1 = x(mark.start);
          const x2 = Math.max(x(mark.end), x1 + 3);
          if (mark.kind === "missing-stop") {
            const solid = x1 + (x2 - x1) * 0.4;

            return (
              <g key={mark.id} className="timeline-missing-stop">
                <title>{`${administration?.drug ?? ""}: ${route} from ${wallClock(administration?.startLocal ?? null)}, stop time not documented (drawn ${MISSING_STOP_STUB_MINUTES} min)`}</title>
                <rect x={x1} y={y + 7} width={solid - x1} height={ROW_HEIGHT - 14} fill={fill} stroke={stroke} />
                <rect x={solid} y={y + 7} width={x2 - solid} height={ROW_HEIGHT - 14} fill="url(#timeline-hatch)" stroke="#b45309" strokeDasharray="3 2" />
                <text x={x2 + 6} y={y + ROW_HEIGHT / 2 + 4} fontSize="12" fill="#b45309" fontWeight="600">
                  no stop time
                </text>
              </g>
            );
          }

          return (
            <g key={mark.id} className="timeline-bar">
              <title>{`${administration?.drug ?? ""}: ${route} ${wallClock(administration?.startLocal ?? null)} – ${wallClock(administration?.stopLocal ?? null)} (${duration(mark.minutes)})`}</title>
              <rect x={x1} y={y + 7} width={x2 - x1} height={ROW_HEIGHT - 14} rx="3" fill={fill} stroke={stroke} />
              {x2 - x1 > 56 ? (
                <text x={x1 + 6} y={y + ROW_HEIGHT / 2 + 4} fontSize="11.5" fill={mark.category === "hydration" ? "#134e4a" : "#fff"} fontWeight="600">
                  {duration(mark.minutes)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="muted timeline-caption">
        Times are local to the practice ({timeZone}). {summary}
      </figcaption>
    </figure>
  );
}
