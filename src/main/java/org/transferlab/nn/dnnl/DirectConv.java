package org.transferlab.nn.dnnl;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a {@code Conv3x3} layer holds to run on oneDNN directly: its {@link DnnlConv3x3} primitives for the
 * last few shapes it saw (training batch, evaluation batch, a last partial batch), created on first use.
 * Each call answers whether it ran; when it did not (arrays oneDNN cannot wrap, or primitives that failed to
 * build, after which this instance stays off) the layer runs libnd4j's path instead.
 */
public final class DirectConv {
    private static final int SHAPES = 3;
    private static volatile boolean warned;
    /** Forward passes run on oneDNN directly, process-wide (for tests: the path really ran). */
    static volatile long forwards;

    private final Map<List<Integer>, DnnlConv3x3> byShape = new LinkedHashMap<>(4, 0.75f, true);
    private boolean broken;

    private DirectConv() {
    }

    /** A direct path for one layer, or null where oneDNN is off ({@value Dnnl#PROPERTY}=false) or not loaded. */
    public static DirectConv create() {
        return Dnnl.available() ? new DirectConv() : null;
    }

    /** y = conv3x3(x, W) + b (see {@link DnnlConv3x3#forward}); false when it did not run. */
    public boolean forward(INDArray x, INDArray weights, INDArray bias, INDArray y) {
        DnnlConv3x3 c = primitives(x, weights, bias, y);
        if (c == null) {
            return false;
        }
        c.forward(x, weights, bias, y);
        forwards++;
        return true;
    }

    /**
     * The gradients (see {@link DnnlConv3x3#backward}; {@code gradIn} null skips the input gradient); false when
     * it did not run. Must follow this object's {@link #forward} of the same {@code x} and weights.
     */
    public boolean backward(INDArray x, INDArray weights, INDArray gradOut, INDArray gradIn, INDArray gradW,
            INDArray gradB) {
        DnnlConv3x3 c = primitives(x, weights, gradOut, gradIn, gradW, gradB);
        if (c == null) {
            return false;
        }
        c.backward(x, weights, gradOut, gradIn, gradW, gradB);
        return true;
    }

    /** Destroys the primitives and their buffers (they are rebuilt on the next call). */
    public void release() {
        for (DnnlConv3x3 c : byShape.values()) {
            c.close();
        }
        byShape.clear();
    }

    /** The primitives for x's and the weights' shape, or null when oneDNN cannot run on these arrays. */
    private DnnlConv3x3 primitives(INDArray x, INDArray weights, INDArray... others) {
        if (broken || !plain(x) || !plain(weights) || x.rank() != 4 || weights.rank() != 4) {
            return null;
        }
        for (INDArray a : others) {
            if (a != null && !plain(a)) {
                return null;
            }
        }
        int n = (int) x.size(0);
        int cin = (int) x.size(1);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int cout = (int) weights.size(3);
        List<Integer> key = List.of(n, cin, cout, h, w);
        DnnlConv3x3 c = byShape.get(key);
        if (c == null) {
            try {
                c = new DnnlConv3x3(n, cin, cout, h, w, DnnlConv3x3.Layout.ANY);
            } catch (RuntimeException | LinkageError e) {
                broken = true;
                if (!warned) {
                    warned = true;
                    System.err.println("TransferLab: oneDNN convolution unavailable, using libnd4j's (" + e + ")");
                }
                return null;
            }
            byShape.put(key, c);
            if (byShape.size() > SHAPES) {
                Iterator<DnnlConv3x3> eldest = byShape.values().iterator();
                eldest.next().close();
                eldest.remove();
            }
        }
        return c;
    }

    private static boolean plain(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.ordering() == 'c' && a.elementWiseStride() == 1;
    }
}
