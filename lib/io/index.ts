/**
 * lib/io — pictures without dependencies, browser-safe: PNG bytes (grey/RGB, our own DEFLATE,
 * CRC-32 and Adler-32), float arrays to grey images and tile grids, SVG line and scatter plots.
 * Writing files is in 'boltzmann/node' (writePng, writeSvg). See docs/io.md.
 */
export {
  encodePng, type PixelImage, type DeflateMode,
} from './png.js';
export * from './image.js';
export {
  linePlot, scatterPlot, type PlotMarker, type LegendPlacement, type PlotSeries, type PlotOptions,
} from './svg.js';
export {
  FONT_HEIGHT, textWidth, drawText, padImage, withAxes, type TextColor,
} from './font.js';
