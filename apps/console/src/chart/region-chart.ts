// Only the parts of ECharts the dashboard draws, so the lazily loaded chunk stays small.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartRow {
  region: string;
  overdue: number;
  /** Share of visit deadlines met in time, 0 to 1; null when none fell due. */
  compliance: number | null;
}

/** Overdue cases (bars) and visits in time (line, %) per child area; returns its disposer. */
export function renderRegionChart(
  element: HTMLElement,
  rows: ChartRow[],
  names: { overdue: string; compliance: string },
): () => void {
  const chart = echarts.init(element, undefined, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 56, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: rows.map((row) => row.region) },
    yAxis: [
      { type: 'value', name: names.overdue, minInterval: 1 },
      { type: 'value', name: '%', min: 0, max: 100 },
    ],
    series: [
      {
        name: names.overdue,
        type: 'bar',
        data: rows.map((row) => row.overdue),
        itemStyle: { color: '#b3261e' },
      },
      {
        name: names.compliance,
        type: 'line',
        yAxisIndex: 1,
        data: rows.map((row) => (row.compliance === null ? null : Math.round(row.compliance * 1000) / 10)),
        itemStyle: { color: '#0b57d0' },
      },
    ],
  });
  const onResize = () => chart.resize();
  window.addEventListener('resize', onResize);
  return () => {
    window.removeEventListener('resize', onResize);
    chart.dispose();
  };
}
