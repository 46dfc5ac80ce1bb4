/**
 * Exercise mode: students write a loss or a model in Java against the SameDiff API, and TransferLab checks it
 * against the engine's reference on fixed random inputs, names the known mistake it matches, and can train
 * with it. Cards live in {@code resources/exercises/}. Student code is compiled and run in a separate JVM
 * ({@link org.transferlab.exercises.Sandbox} starts it, {@link org.transferlab.exercises.SandboxMain} is that
 * process), so a crash, {@code System.exit} or an endless loop never reaches the app.
 * Sub-packages: {@code checks} (what each card compares), {@code kit} (helpers student code may call),
 * {@code training} (how a run uses student code).
 */
package org.transferlab.exercises;
