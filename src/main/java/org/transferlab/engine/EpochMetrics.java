package org.transferlab.engine;

/**
 * One finished epoch. Train accuracy and loss are the means over the epoch's training batches (in training
 * mode); test accuracy is on the whole test split, {@code NaN} in epochs that were not evaluated.
 */
public record EpochMetrics(int epoch, int epochs, double trainLoss, double trainAccuracy, double testAccuracy,
                           double elapsedSeconds) {
}
