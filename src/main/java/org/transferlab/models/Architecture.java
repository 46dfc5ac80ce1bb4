package org.transferlab.models;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A network in the model zoo. Adding a model is adding one implementation and registering it in
 * {@link ModelZoo}.
 *
 * <p>Contract: {@link #build} receives the input images as an NCHW tensor [N, 1, 28, 28] with pixels in
 * [0, 1], adds its layers through the {@link GraphBuilder}, puts each attention point's feature tensor
 * [N, C, H, W] into {@code taps} under the names of {@link #attentionPoints()}, and returns the logits
 * [N, classes].
 */
public interface Architecture {

    /** The registry name, e.g. {@code cnn-large}. */
    String name();

    /** One line for menus and help texts. */
    String summary();

    /** The feature tensors attention transfer can address, by name, with their [C, H, W] shapes, in order. */
    Map<String, int[]> attentionPoints();

    /** One row per layer for the layer table: name, what it is, its output shape. */
    List<String[]> layerTable();

    SDVariable build(GraphBuilder b, SDVariable input, int numClasses, Map<String, SDVariable> taps);
}
