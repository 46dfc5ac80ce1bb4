/**
 * Slide-ready export: every chart to PNG (at 1×, 2× or 4×), SVG and PDF, its data to CSV and, for curves, a
 * LaTeX/pgfplots snippet; a run folder's figures rebuilt headless ({@link org.transferlab.export.RunFigures}).
 * AWT and JFreeChart only (no JavaFX), so the CLI exports without a display. Files are written atomically.
 */
package org.transferlab.export;
