import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec to PNG on the server: Vega-Lite compiles it, Vega draws SVG without a browser or a
 * canvas, resvg rasterises it with the system fonts. The spec carries its data inline, so nothing is fetched.
 */
export async function renderChartPng(spec: Record<string, unknown>, scale = 2): Promise<Buffer> {
  const vegaSpec = compile(spec as unknown as TopLevelSpec).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const png = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: scale },
      font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
      background: 'white',
    }).render();
    return Buffer.from(png.asPng());
  } finally {
    view.finalize();
  }
}
