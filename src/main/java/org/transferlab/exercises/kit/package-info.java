/**
 * Helpers student code may call in the part-2 model cards: {@link org.transferlab.exercises.kit.Blocks} (one
 * SameDiff op each, with the engine's shapes and conventions) and {@link org.transferlab.exercises.kit.Params}
 * (the model's parameters by name). The cards are about structure, which parameters each task's path uses, so
 * the layers themselves are given.
 */
package org.transferlab.exercises.kit;
