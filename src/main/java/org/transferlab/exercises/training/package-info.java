/**
 * How a run uses a student's code (inside the sandbox process only): {@link
 * org.transferlab.exercises.training.StudentLossTerm} is a transfer term evaluated by the student's SameDiff
 * loss, {@link org.transferlab.exercises.training.StudentUncertainty} a loss weighting, and {@link
 * org.transferlab.exercises.training.StudentModel} a two-task model built by the student's forward pass. The
 * engine's loops run them exactly like their built-in counterparts.
 */
package org.transferlab.exercises.training;
