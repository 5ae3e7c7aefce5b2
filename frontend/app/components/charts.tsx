import type { ReactNode } from 'react';

/**
 * Charts rendered on the server as accessible SVG (no JavaScript needed). Each chart is an image
 * (role="img") named by its <title> and described by its <desc>, with visible text labels on every
 * bar or point, colours with at least 3:1 contrast against white and series told apart by shape as
 * well as colour. ChartFigure puts a table of the same data next to every chart.
 */

const INK = '#212b32';
const INK_SECONDARY = '#4c6272';
const LINE = '#d8dde0';
/** Series fills/strokes: NHS blue, then dark ink (both ≥ 4.5:1 on white). */
const SERIES = [
  { colour: '#005eb8', dash: undefined as string | undefined, marker: 'circle' as const },
  { colour: '#212b32', dash: '6 4', marker: 'square' as const },
];

export interface Series {
  name: string;
}

export interface BarDatum {
  label: string;
  /** One value per series. */
  values: number[];
  /** The text shown at the end of each bar, one per series. */
  display: string[];
}

function truncate(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A key naming each series with its colour (and, for lines, its dash and marker). */
function Legend({ series, y, kind }: { series: Series[]; y: number; kind: 'bar' | 'line' }) {
  if (series.length < 2) return null;
  let x = 0;
  return (
    <g aria-hidden="true">
      {series.map((s, i) => {
        const style = SERIES[i % SERIES.length];
        const at = x;
        x += 28 + s.name.length * 8 + 24;
        return (
          <g key={s.name} transform={`translate(${at},${y})`}>
            {kind === 'bar' ? (
              <rect x={0} y={-10} width={20} height={12} fill={style.colour} />
            ) : (
              <line x1={0} x2={20} y1={-4} y2={-4} stroke={style.colour} strokeWidth={3} strokeDasharray={style.dash} />
            )}
            <text x={28} y={0} fontSize={14} fill={INK}>
              {s.name}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/**
 * Horizontal bars, one row per datum and one bar per series in it, each labelled with its value.
 * Scales to the largest value (or `max`, e.g. 100 for percentages).
 */
export function BarChart({
  id,
  title,
  description,
  series,
  data,
  max,
  labelWidth = 230,
}: {
  id: string;
  title: string;
  description: string;
  series: Series[];
  data: BarDatum[];
  max?: number;
  labelWidth?: number;
}) {
  const width = 760;
  const barHeight = 18;
  const gap = 4;
  const rowGap = 12;
  const legendHeight = series.length > 1 ? 28 : 0;
  const rowHeight = series.length * (barHeight + gap) - gap + rowGap;
  const height = legendHeight + Math.max(1, data.length) * rowHeight + 4;
  const valueSpace = 130;
  const plot = width - labelWidth - valueSpace;
  const top = Math.max(max ?? 0, ...data.flatMap((d) => d.values), 1);
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      viewBox={`0 0 ${width} ${height}`}
      className="h-auto w-full max-w-3xl"
      fontFamily="inherit"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <Legend series={series} y={16} kind="bar" />
      {data.length === 0 ? (
        <text x={0} y={legendHeight + 16} fontSize={14} fill={INK}>
          Nothing to show
        </text>
      ) : null}
      {data.map((d, row) => {
        const y0 = legendHeight + row * rowHeight;
        return (
          <g key={`${d.label}-${row}`}>
            <text x={labelWidth - 8} y={y0 + (rowHeight - rowGap) / 2 + 5} fontSize={14} fill={INK} textAnchor="end">
              {truncate(d.label, Math.floor(labelWidth / 8))}
            </text>
            {d.values.map((v, i) => {
              const w = Math.max(v > 0 ? 2 : 0, (v / top) * plot);
              const y = y0 + i * (barHeight + gap);
              return (
                <g key={i}>
                  <rect x={labelWidth} y={y} width={w} height={barHeight} fill={SERIES[i % SERIES.length].colour} />
                  <text x={labelWidth + w + 6} y={y + barHeight - 4} fontSize={13} fill={INK}>
                    {d.display[i]}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
      <line x1={labelWidth} x2={labelWidth} y1={legendHeight} y2={height - 4} stroke={INK_SECONDARY} strokeWidth={1} />
    </svg>
  );
}

export interface LinePoint {
  /** x-axis label, e.g. "Nov 2025". */
  label: string;
  values: number[];
}

/**
 * Lines over time on a fixed y range (e.g. 0–10,000 for an HHI), with labelled gridlines, a marker
 * on every point and the last value of each series written at the end of its line.
 */
export function LineChart({
  id,
  title,
  description,
  series,
  points,
  yMax,
  gridlines,
  labelEvery = 3,
}: {
  id: string;
  title: string;
  description: string;
  series: Series[];
  points: LinePoint[];
  yMax: number;
  gridlines: { value: number; label: string }[];
  labelEvery?: number;
}) {
  const width = 760;
  const height = 320;
  const left = 60;
  const right = 110;
  const top = 40;
  const bottom = 40;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const x = (i: number) => left + (points.length <= 1 ? 0 : (i / (points.length - 1)) * plotW);
  const y = (v: number) => top + plotH - (Math.min(v, yMax) / yMax) * plotH;
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      viewBox={`0 0 ${width} ${height}`}
      className="h-auto w-full max-w-3xl"
      fontFamily="inherit"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <Legend series={series} y={16} kind="line" />
      {gridlines.map((g) => (
        <g key={g.value}>
          <line x1={left} x2={left + plotW} y1={y(g.value)} y2={y(g.value)} stroke={LINE} strokeWidth={1} />
          <text x={left - 6} y={y(g.value) + 4} fontSize={12} fill={INK} textAnchor="end">
            {g.label}
          </text>
        </g>
      ))}
      <line x1={left} x2={left + plotW} y1={top + plotH} y2={top + plotH} stroke={INK_SECONDARY} strokeWidth={1} />
      {points.map((p, i) =>
        i % labelEvery === 0 || i === points.length - 1 ? (
          <text key={p.label + i} x={x(i)} y={top + plotH + 20} fontSize={12} fill={INK} textAnchor="middle">
            {p.label}
          </text>
        ) : null,
      )}
      {series.map((s, si) => {
        const style = SERIES[si % SERIES.length];
        const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.values[si]).toFixed(1)}`).join(' ');
        const last = points[points.length - 1];
        return (
          <g key={s.name}>
            <path d={path} fill="none" stroke={style.colour} strokeWidth={2.5} strokeDasharray={style.dash} />
            {points.map((p, i) =>
              style.marker === 'circle' ? (
                <circle key={i} cx={x(i)} cy={y(p.values[si])} r={3.5} fill={style.colour} />
              ) : (
                <rect key={i} x={x(i) - 3.5} y={y(p.values[si]) - 3.5} width={7} height={7} fill={style.colour} />
              ),
            )}
            {last ? (
              <text x={x(points.length - 1) + 8} y={y(last.values[si]) + (si === 0 ? -4 : 14)} fontSize={13} fill={INK}>
                {last.values[si].toLocaleString('en-GB')}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

/**
 * A chart with its heading, a sentence saying what it shows, and the same data as a table (in a
 * <details> "Show the data as a table", or shown outright with tableOpen).
 */
export function ChartFigure({
  id,
  heading,
  intro,
  chart,
  table,
  tableOpen = false,
}: {
  id: string;
  heading: string;
  intro?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  tableOpen?: boolean;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="mb-10" id={id}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      {intro ? <div className="max-w-3xl">{intro}</div> : null}
      <figure className="my-4">{chart}</figure>
      <details className="mb-4" open={tableOpen}>
        <summary className="cursor-pointer text-brand underline">Show the data as a table</summary>
        <div className="mt-3">{table}</div>
      </details>
    </section>
  );
}
