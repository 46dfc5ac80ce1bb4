/**
 * Models: the zoo of architectures ({@link org.transferlab.models.ModelZoo}), the vocabulary they are written
 * in ({@link org.transferlab.models.NetworkBuilder}), a built network with its named attention points and its
 * forward and backward passes ({@link org.transferlab.models.Network}), and checkpoints on disk. The layers
 * themselves are in {@link org.transferlab.nn}.
 */
package org.transferlab.models;
