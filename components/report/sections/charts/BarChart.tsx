import { useId } from 'react';

export interface Bar {
  key: string;
  label: string;
  value: number | null;
  /** The value as the table shows it. */
  display: string;
}

const W = 560;
const H = 160;
const PAD = 24;

/**
 * A small SVG bar chart and, beside it, the same numbers in a table: the table is what
 * screen readers and keyboard users read (the picture is hidden from them).
 */
export function BarChart({
  title,
  bars,
  valueHeader,
  onSelect,
}: {
  title: string;
  bars: readonly Bar[];
  valueHeader: string;
  /** Lists the cases behind a bar: its label in the table becomes a button, and the bar a click target. */
  onSelect?: (bar: Bar) => void;
}) {
  const id = useId();
  const max = Math.max(0, ...bars.map((b) => b.value ?? 0));
  const step = (W - PAD) / Math.max(1, bars.length);
  return (
    <figure className="chart" aria-labelledby={id}>
      <figcaption id={id}>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" aria-hidden="true" focusable="false">
        {bars.map((b, i) => {
          const h = max > 0 && b.value ? ((H - PAD) * b.value) / max : 0;
          return (
            <g key={b.key} transform={`translate(${PAD + i * step},0)`}>
              <rect
                x={2}
                y={H - PAD - h}
                width={Math.max(1, step - 4)}
                height={h}
                className="chart-bar"
                onClick={onSelect && b.value ? () => onSelect(b) : undefined}
              >
                <title>{`${b.label}: ${b.display}`}</title>
              </rect>
              <text x={step / 2} y={H - 8} textAnchor="middle" className="chart-label">
                {bars.length > 12 && i % Math.ceil(bars.length / 12) !== 0 ? '' : b.label}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="chart-data">
        <thead>
          <tr>
            <th scope="col">{title}</th>
            <th scope="col">{valueHeader}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => (
            <tr key={b.key} data-key={b.key}>
              <th scope="row">
                {onSelect && b.value ? (
                  <button type="button" className="link" onClick={() => onSelect(b)}>
                    {b.label}
                  </button>
                ) : (
                  b.label
                )}
              </th>
              <td>{b.display}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
