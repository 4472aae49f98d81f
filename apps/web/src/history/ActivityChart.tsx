/**
 * @module ActivityChart
 * A member's activity over the document's life as a row of bars (inline SVG, no chart
 * library): height = characters their edits brought or removed in that slice of time. The
 * figure is described in text too (aria-label), so it does not depend on seeing it.
 */
import type { JSX } from "react";

export function ActivityChart({ bars, color, label }: { bars: readonly number[]; color: string; label: string }): JSX.Element {
  const max = Math.max(1, ...bars);
  const w = 4;
  const gap = 1;
  const h = 24;
  return (
    <svg className="history-chart" role="img" aria-label={label} width={bars.length * (w + gap)} height={h} viewBox={`0 0 ${bars.length * (w + gap)} ${h}`}>
      {bars.map((b, i) => {
        const bh = b === 0 ? 0 : Math.max(2, Math.round((b / max) * h));
        // biome-ignore lint/suspicious/noArrayIndexKey: bars are positions
        return <rect key={i} x={i * (w + gap)} y={h - bh} width={w} height={bh} fill={color} />;
      })}
      <line x1={0} x2={bars.length * (w + gap)} y1={h - 0.5} y2={h - 0.5} stroke="#adb5bd" strokeWidth={1} />
    </svg>
  );
}
