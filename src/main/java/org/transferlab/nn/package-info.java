/**
 * The layers networks are made of, each with its forward and backward pass written out: 3×3 convolution,
 * batch norm fused with ReLU, max and global-average pooling, dense, ReLU, dropout, flatten.
 *
 * <p>Convolution, pooling and matrix products run on ND4J's native kernels (oneDNN / OpenBLAS) called
 * directly; the element-wise and per-channel work (batch norm, ReLU, dropout, global pooling) runs in plain
 * Java on copies of the data. Calling the kernels directly instead of through a SameDiff graph made a
 * training step 2.5–3× faster (see the README's speed section). Every backward pass is checked against
 * finite differences in the tests.
 *
 * <p>Layers keep what their backward pass needs from the last forward pass, and reuse their output buffers
 * between calls of the same shape: an output is valid until the layer's next forward pass.
 */
package org.transferlab.nn;
