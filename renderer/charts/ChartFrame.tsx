// A titled chart with PNG and CSV export: every chart in the app is exportable the same way.

import { useRef, type ReactNode } from 'react';
import { Icon } from '../components/Icon';
import { downloadBlob, downloadCsv, fileStamp, svgToPngBlob } from '../lib/download';
import { useNotifications } from '../state/notifications';
import { useChartTheme } from './chart-theme';

export interface ChartData {
  header: string[];
  rows: (string | number)[][];
}

export function ChartFrame({
  title,
  name,
  data,
  children,
  height = 220,
}: {
  title: string;
  /** File name stem for exports. */
  name: string;
  data: ChartData;
  children: ReactNode;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const theme = useChartTheme();
  const { notify } = useNotifications();

  const exportPng = async () => {
    // The chart's own surface, not a legend icon (recharts draws those as small surfaces too).
    const surfaces = [
      ...(ref.current?.querySelectorAll<SVGSVGElement>('svg.recharts-surface') ?? []),
    ];
    const area = (e: SVGSVGElement) =>
      e.getBoundingClientRect().width * e.getBoundingClientRect().height;
    const svg = surfaces.sort((a, b) => area(b) - area(a))[0];
    if (!svg) return notify({ kind: 'warning', title: 'Nothing to export yet' });
    try {
      downloadBlob(await svgToPngBlob(svg, theme.surface), `${name}-${fileStamp()}.png`);
    } catch (e) {
      notify({ kind: 'error', title: 'PNG export failed', message: (e as Error).message });
    }
  };

  return (
    <figure className="chart-frame">
      <figcaption className="chart-frame__header">
        <h2>{title}</h2>
        <div className="button-row">
          <button type="button" className="button button--small" onClick={() => void exportPng()}>
            <Icon name="download" size={14} /> PNG
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => downloadCsv(`${name}-${fileStamp()}.csv`, data.header, data.rows)}
          >
            <Icon name="download" size={14} /> CSV
          </button>
        </div>
      </figcaption>
      <div ref={ref} className="chart-frame__body" style={{ height }}>
        {children}
      </div>
    </figure>
  );
}
