/**
 * Metric series for charts, kept in bounded memory however long a run lasts
 * ({@link org.transferlab.metrics.DecimatedSeries}). No ND4J and no JavaFX: the engine feeds them, views read them.
 */
package org.transferlab.metrics;
