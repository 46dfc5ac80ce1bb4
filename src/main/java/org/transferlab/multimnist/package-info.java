/**
 * Chapter 4, multi-task learning on one input: MultiMNIST (two digits on one canvas, the left and the right as
 * two tasks), three architectures (separate networks, hard sharing, cross-stitch networks), part 2's weightings
 * plus MGDA-UB (min-norm on the shared representation's gradients) and PCGrad (gradient surgery). The run
 * ({@link MultiMnistRun}) and its folder ({@link MultiMnistRecorder}). No JavaFX.
 */
package org.transferlab.multimnist;
