/**
 * The TransferLab Jupyter kernel: {@link org.transferlab.kernel.TransferLabKernel} speaks the Jupyter protocol
 * through the {@code org.dflib.jjava:jjava-jupyter} base kernel and evaluates cells with JShell in a JVM of its
 * own; {@link org.transferlab.kernel.Display} runs in that JVM and sends images, charts and tables back through
 * standard output ({@link org.transferlab.kernel.CellOutput}); {@link org.transferlab.kernel.KernelSpec} writes
 * the kernelspec ({@code kernel install}). Headless: AWT and JFreeChart, no JavaFX.
 */
package org.transferlab.kernel;
