/**
 * The chapter "Learning what and where to transfer" (L2T-ww, Jang, Lee, Hwang and Shin, ICML 2019), in
 * progress: the channel-weighted feature-matching loss of one (source layer, target layer) pair with its 1×1
 * regressor ({@link org.transferlab.l2t.WeightedFeatureMatching}) and the meta-networks that learn what
 * (channel weights) and where (pair weights λ) to transfer ({@link org.transferlab.l2t.MetaNetworks}). Plain
 * Java on double arrays, small enough to check by hand and by finite differences; no JavaFX, no ND4J.
 */
package org.transferlab.l2t;
