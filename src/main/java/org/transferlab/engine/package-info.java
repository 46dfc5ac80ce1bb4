/**
 * The training engine: a {@link org.transferlab.engine.TrainingConfig}, one
 * {@link org.transferlab.engine.TrainingRun} with pause/resume/stop, the
 * {@link org.transferlab.engine.TrainingListener} events (steps, epochs, snapshots, end), Adam, evaluation,
 * the teacher's cached outputs, and the run folder's files. Never imports JavaFX.
 */
package org.transferlab.engine;
