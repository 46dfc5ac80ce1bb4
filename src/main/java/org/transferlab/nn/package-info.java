/**
 * The layers networks are made of, each with its forward and backward pass written out: 3×3 convolution,
 * batch norm fused with ReLU, max and global-average pooling, dense, ReLU, dropout, flatten.
 *
 * <p>Convolution, pooling and matrix products run on ND4J's native kernels (oneDNN / OpenBLAS) called
 * directly; the element-wise and per-channel work (batch norm, ReLU, dropout, global pooling) has two
 * implementations, chosen by {@link org.transferlab.nn.Kernels}: plain Java on copies of the data (the
 * default on the CPU, where it is faster) or ND4J ops end to end (the default on CUDA, where the data then
 * stays on the device). Calling the kernels directly instead of through a SameDiff graph made a training
 * step 2.5–3× faster (see the README's speed section). Every backward pass is checked against finite
 * differences in the tests, under both kernels, and the two kernels against each other
 * ({@code KernelParityTest}).
 *
 * <p>Host code never writes into an ND4J array's memory except through {@link org.transferlab.nn.Floats#write},
 * which tells the allocator (on CUDA) that the host copy is now the current one.
 *
 * <p>Layers keep what their backward pass needs from the last forward pass, and reuse their output buffers
 * between calls of the same shape: an output is valid until the layer's next forward pass.
 */
package org.transferlab.nn;
