/**
 * What each exercise card compares. {@link org.transferlab.exercises.checks.LossCase} runs a student's SameDiff
 * function on fixed inputs, differentiates it, and compares value and gradient with a Java formula in double
 * precision (the engine's own reference where one exists) and, when they differ, with each known mistake's
 * formula, so the hint names the mistake. One checker per card kind.
 */
package org.transferlab.exercises.checks;
