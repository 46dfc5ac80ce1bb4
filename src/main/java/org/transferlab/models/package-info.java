/**
 * Models: the zoo of architectures ({@link org.transferlab.models.ModelZoo}), the layer vocabulary they are
 * written in ({@link org.transferlab.models.GraphBuilder}), a model built into a SameDiff graph with its
 * named attention points ({@link org.transferlab.models.ModelGraph}), and checkpoints on disk.
 */
package org.transferlab.models;
