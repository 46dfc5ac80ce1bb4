/**
 * The dark-knowledge chapter (Hinton, Vinyals and Dean 2015; Furlanello et al. 2018): a teacher MLP on the MNIST
 * digits and students that learn from its soft targets. Four experiments ({@link org.transferlab.darkknowledge.Experiment}):
 * Hinton's table, the digit never shown (with the output bias chosen on validation digits,
 * {@link org.transferlab.darkknowledge.BiasSweep}), soft targets as a regulariser on a small transfer set, and
 * born-again networks. A run is {@link org.transferlab.darkknowledge.DarkKnowledgeRun}; its folder is written by
 * {@link org.transferlab.darkknowledge.DarkKnowledgeRecorder} and drawn by
 * {@link org.transferlab.darkknowledge.DarkKnowledgeFigures}.
 */
package org.transferlab.darkknowledge;
