import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTheme } from '@mui/material/styles';

export interface Series {
  label: string;
  /** [unix seconds, value] pairs, oldest first. */
  points: [number, number | null][];
}

const COLORS = ['#1976d2', '#d32f2f', '#388e3c', '#f57c00', '#7b1fa2', '#0097a7', '#c2185b', '#5d4037', '#455a64', '#fbc02d'];

/** Series on one time axis, aligned for uPlot (a missing point is a gap it spans). */
export function align(series: Series[]): uPlot.AlignedData {
  const times = Array.from(new Set(series.flatMap((s) => s.points.map((p) => p[0])))).sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const columns = series.map((s) => {
    const col: (number | null)[] = new Array(times.length).fill(null);
    for (const [t, v] of s.points) col[index.get(t)!] = v;
    return col;
  });
  return [times, ...columns] as uPlot.AlignedData;
}

/**
 * A live uPlot chart: created once per set of series, then only fed new data, so a redraw costs
 * milliseconds. `compact` is the dashboard's sparkline (no axes, no legend).
 */
export function TimeChart({ series, height = 220, compact = false, title }: { series: Series[]; height?: number; compact?: boolean; title?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const theme = useTheme();
  const labels = series.map((s) => s.label).join('\u0000');
  const axisColor = theme.palette.text.secondary;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const opts: uPlot.Options = {
      title,
      width: Math.max(el.clientWidth, 100),
      height,
      legend: { show: !compact },
      cursor: { show: !compact },
      scales: { x: { time: true } },
      axes: compact
        ? [{ show: false }, { show: false }]
        : [
            { stroke: axisColor, grid: { stroke: theme.palette.divider } },
            // wide enough for the longest tick label (counters reach many digits)
            { stroke: axisColor, grid: { stroke: theme.palette.divider }, size: (_u, values) => 16 + 7 * Math.max(3, ...(values ?? []).map((v) => String(v).length)) },
          ],
      series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: COLORS[i % COLORS.length], width: compact ? 2 : 1.5, spanGaps: true, points: { show: !compact, size: 4 } }))],
    };
    const u = new uPlot(opts, align(series), el);
    plot.current = u;
    const observer = new ResizeObserver(() => u.setSize({ width: Math.max(el.clientWidth, 100), height }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      u.destroy();
      plot.current = null;
    };
    // Rebuilt only when the set of series or the look changes; data goes through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [labels, height, compact, axisColor, title]);

  useEffect(() => {
    plot.current?.setData(align(series));
  }, [series]);

  return <div ref={box} data-testid="chart" style={{ width: '100%' }} />;
}
