/**
 * The course as plug-ins: a {@link org.transferlab.chapters.Chapter} is declared once by its own package (id,
 * title, views and the figures each exports, {@code train CHAPTER}, resume, how Compare runs reads its folders)
 * and registered with one line in {@code META-INF/services/org.transferlab.chapters.Chapter}.
 * {@link org.transferlab.chapters.Chapters} is the registry the app's shell, the CLI, export and Compare runs loop
 * over; {@link org.transferlab.chapters.SavedRun} is any chapter's run folder read back. Also the console helpers
 * every chapter's {@code train} shares ({@link org.transferlab.chapters.ProgressLine},
 * {@link org.transferlab.chapters.Resumable}, {@link org.transferlab.chapters.CommonOptions}). Never imports JavaFX.
 */
package org.transferlab.chapters;
