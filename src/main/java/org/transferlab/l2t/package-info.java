/**
 * The chapter "Learning what and where to transfer" (L2T-ww, Jang, Lee, Hwang and Shin, ICML 2019), in
 * progress: the channel-weighted feature-matching loss of one (source layer, target layer) pair with its 1×1
 * regressor ({@link org.transferlab.l2t.WeightedFeatureMatching}) and the meta-networks that learn what
 * (channel weights) and where (pair weights λ) to transfer ({@link org.transferlab.l2t.MetaNetworks}), the
 * bilevel meta-gradient ({@link org.transferlab.l2t.MetaGradient}), and the methods of the paper's table with
 * their pairs and the run's settings ({@link org.transferlab.l2t.L2tMethod}, {@link org.transferlab.l2t.L2tConfig}).
 * These are plain Java on double arrays, small enough to check by hand and by finite differences. The run
 * ({@link org.transferlab.l2t.L2tRun}, on the engine's networks and run skeleton) and its folder
 * ({@link org.transferlab.l2t.L2tRecorder}) serve {@code train --chapter l2t} and the app's L2T chapter.
 * No JavaFX here.
 */
package org.transferlab.l2t;
