/**
 * Part 2's training engine: two tasks (MNIST digits and Fashion-MNIST, each with its own images) trained
 * together by {@link org.transferlab.part2.MultiTaskRun} under a loss-balancing method, one
 * structure or, for A2, every structure in turn; events go to {@link org.transferlab.part2.MultiTaskListener}s.
 */
package org.transferlab.part2;
