/**
 * The chapter "Learning what and where to transfer" (L2T-ww, Jang, Lee, Hwang and Shin, ICML 2019), in
 * progress: the channel-weighted feature-matching loss of one (source layer, target layer) pair with its 1×1
 * regressor ({@link org.transferlab.l2t.WeightedFeatureMatching}) and the meta-networks that learn what
 * (channel weights) and where (pair weights λ) to transfer ({@link org.transferlab.l2t.MetaNetworks}), the
 * bilevel meta-gradient ({@link org.transferlab.l2t.MetaGradient}), and the methods of the paper's table with
 * their pairs and the run's settings ({@link org.transferlab.l2t.L2tMethod}, {@link org.transferlab.l2t.L2tConfig}).
 * Plain Java on double arrays, small enough to check by hand and by finite differences; no JavaFX, no ND4J. Not yet
 * wired to a run, the CLI or the app.
 */
package org.transferlab.l2t;
