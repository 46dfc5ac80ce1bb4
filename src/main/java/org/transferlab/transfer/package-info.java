/**
 * Transfer losses: cross-entropy, knowledge distillation ({@link org.transferlab.transfer.KnowledgeDistillation})
 * and attention transfer ({@link org.transferlab.transfer.AttentionTransfer}), each a
 * {@link org.transferlab.transfer.TransferTerm} registered by name in
 * {@link org.transferlab.transfer.TransferMethods} and combined by {@link org.transferlab.transfer.Objective}.
 * Each class's Javadoc holds its formula; the tests check the code against that formula.
 */
package org.transferlab.transfer;
