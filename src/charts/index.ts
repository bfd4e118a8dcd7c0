/** PNG charts of answers and digests, drawn in-process (chart.js on @napi-rs/canvas). */
export { chartFontFamily, chartPng, sideBySidePng, type ChartSize } from './canvas';
export { scenarioChartPng, scaleOf, widerScale, niceCeiling, type ChannelBeforeAfter, type ScenarioChartInput, type ScenarioChartScale } from './scenarioChart';
export { responseCurveChartPng, interpolateKpi, type ResponseCurveChartInput, type ResponseCurvePoint } from './responseCurveChart';
export { digestChartPng, type DigestChannelFigures } from './digestChart';
