package org.transferlab.models;

import java.util.List;
import java.util.Map;

/**
 * A network in the model zoo. Adding a model is adding one implementation and registering it in
 * {@link ModelZoo}.
 *
 * <p>Contract: {@link #build} appends its layers to the {@link NetworkBuilder}, whose input is the images as an
 * NCHW tensor [N, 1, 28, 28] with pixels in [0, 1], marks each attention point (a feature tensor
 * [N, C, H, W]) and the embedding ([N, D]) with {@link NetworkBuilder#tap} under the names of
 * {@link #features()}, and ends with the logits [N, classes].
 */
public interface Architecture {

    /** The registry name, e.g. {@code cnn-large}. */
    String name();

    /** One line for menus and help texts. */
    String summary();

    /** The feature tensors attention transfer can address, by name, with their [C, H, W] shapes, in order. */
    Map<String, int[]> attentionPoints();

    /** The name of the penultimate representation (after global pooling, before the logits). */
    String EMBEDDING = "embedding";

    /**
     * Every named feature the network exposes, with its [C, H, W] shape: the attention points, then
     * {@value #EMBEDDING}, the vector the logits are computed from, as [D, 1, 1] (for relational methods).
     */
    Map<String, int[]> features();

    /** One row per layer for the layer table: name, what it is, its output shape. */
    List<String[]> layerTable();

    void build(NetworkBuilder b, int numClasses);
}
