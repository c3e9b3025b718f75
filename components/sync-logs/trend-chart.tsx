"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { seriesStyle } from "./chart-style";

export interface TrendSeries {
  name: string;
  /** Value per day ("YYYY-MM-DD"); days without runs are missing. */
  points: Map<string, number>;
}

/**
 * One line per system over the days shown. Loaded on demand (recharts is large); the caller gives the
 * visible heading and the screen-reader summary, and handles the empty state.
 */
export default function TrendChart({
  title,
  days,
  series,
  yDomain,
  formatValue,
  formatTick,
  formatDay,
  formatLongDay,
}: {
  title: string;
  days: string[];
  series: TrendSeries[];
  yDomain?: [number, number];
  formatValue: (v: number) => string;
  formatTick?: (v: number) => string;
  formatDay: (day: string) => string;
  formatLongDay: (day: string) => string;
}) {
  // Keys by position: a system's name may contain dots, which recharts would read as a path.
  const rows = days.map((day) => {
    const row: Record<string, string | number | null> = { day };
    series.forEach((s, i) => (row[`s${i}`] = s.points.get(day) ?? null));
    return row;
  });
  return (
    <ResponsiveContainer width="100%" height={280} initialDimension={{ width: 640, height: 280 }}>
      <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 0 }} title={title}>
        <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="day"
          tickFormatter={formatDay}
          tick={{ fontSize: 12, fill: "#475569" }}
          tickLine={false}
          axisLine={{ stroke: "#cbd5e1" }}
          minTickGap={16}
        />
        <YAxis
          domain={yDomain ?? [0, "auto"]}
          tickFormatter={formatTick ?? formatValue}
          tick={{ fontSize: 12, fill: "#475569" }}
          tickLine={false}
          axisLine={false}
          width={64}
        />
        <Tooltip
          labelFormatter={(label) => formatLongDay(String(label))}
          formatter={(value) => (typeof value === "number" ? formatValue(value) : String(value ?? ""))}
          contentStyle={{ borderRadius: 8, borderColor: "#cbd5e1", fontSize: 13 }}
        />
        <Legend wrapperStyle={{ fontSize: 13 }} />
        {series.map((s, i) => {
          const style = seriesStyle(i);
          return (
            <Line
              key={i}
              type="monotone"
              dataKey={`s${i}`}
              name={s.name}
              stroke={style.stroke}
              strokeWidth={2}
              strokeDasharray={style.dash || undefined}
              legendType="plainline"
              dot={{ r: 3, fill: style.stroke }}
              activeDot={{ r: 5 }}
              connectNulls
              isAnimationActive={false}
            />
          );
        })}
      </LineChart>
    </ResponsiveContainer>
  );
}
