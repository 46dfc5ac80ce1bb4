/**
 * Part 1 of the tutorial as a chapter: a student learning from a teacher with any combination of the transfer
 * methods of {@code org.transferlab.transfer} (KD, AT, FitNets, relational KD). {@link org.transferlab.part1.Part1Chapter}
 * declares it (views, Compare runs, resume), {@link org.transferlab.part1.Part1Command} is {@code train part1}.
 * The run itself is still {@code engine.TrainingRun}, the run every chapter's skeleton grew from.
 */
package org.transferlab.part1;
