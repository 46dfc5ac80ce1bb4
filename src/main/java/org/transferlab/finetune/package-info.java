/**
 * The chapter "transfer by weights": a target task with few labels ({@link TargetTask}, {@link LabelledSubset}),
 * a source network to start from ({@link SourceNetworks}), what trains and how fast ({@link Strategy},
 * {@link LayerPlan}), the run ({@link FineTuneRun}, its files {@link FineTuneRecorder}), how general the features
 * are (Yosinski's AnB/BnB, {@link GeneralitySweep}) and off-the-shelf features ({@link Neighbours}). No JavaFX.
 */
package org.transferlab.finetune;
