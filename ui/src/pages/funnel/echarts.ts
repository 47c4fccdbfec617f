import * as echarts from "echarts/core";
import { BarChart, FunnelChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

// Only the parts the Funnel page draws, so the bundle stays small.
echarts.use([FunnelChart, BarChart, TooltipComponent, GridComponent, LegendComponent, MarkLineComponent, CanvasRenderer]);

export { echarts };
export type { ECElementEvent, EChartsCoreOption, EChartsType } from "echarts/core";
