/**
 * Multi-task loss balancing: how the per-task losses L_i are weighted in {@code L = Σ_i w_i L_i}, one class per
 * method behind {@link org.transferlab.weightings.LossWeighting}: fixed weights, uncertainty weighting (Kendall),
 * GradNorm, MGDA (two-task closed form, Frank–Wolfe beyond) and DWA. Plain Java: each method sees the step's
 * per-task losses and gradients as arrays and returns the weights; the engine does the rest.
 */
package org.transferlab.weightings;
