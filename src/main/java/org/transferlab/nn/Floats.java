package org.transferlab.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between ND4J arrays (off-heap, row-major) and Java arrays, and output-buffer reuse.
 *
 * <p>The only place that touches an ND4J array's memory through an NIO buffer ({@code LayerRulesTest} keeps it
 * so). On the CUDA backend an array has a host and a device copy and the allocator tracks which is current;
 * a write through an NIO buffer is invisible to it, so {@link #write} tells it that the host copy is now the
 * current one, and {@link #read} makes sure the host copy is up to date first. On the CPU backend both calls
 * do nothing.
 */
public final class Floats {
    private Floats() {
    }

    /** The values of {@code a} in row-major order, into {@code reuse} when it has the right length. */
    public static float[] read(INDArray a, float[] reuse) {
        INDArray c = plain(a);
        int n = (int) c.length();
        float[] out = reuse != null && reuse.length == n ? reuse : new float[n];
        Nd4j.getAffinityManager().ensureLocation(c, AffinityManager.Location.HOST);
        c.data().asNioFloat().get(out, 0, n);
        return out;
    }

    /**
     * The values of {@code a} in row-major order, in double precision: read straight from the host buffer,
     * without a float copy on the heap first (the loss terms read every step's features through here).
     */
    public static double[] readDouble(INDArray a) {
        return readDouble(a, null);
    }

    /** {@link #readDouble(INDArray)} into {@code reuse} when it has the right length (else a new array). */
    public static double[] readDouble(INDArray a, double[] reuse) {
        INDArray c = plain(a);
        int n = (int) c.length();
        double[] d = reuse != null && reuse.length == n ? reuse : new double[n];
        Nd4j.getAffinityManager().ensureLocation(c, AffinityManager.Location.HOST);
        java.nio.FloatBuffer b = c.data().asNioFloat();
        for (int i = 0; i < n; i++) {
            d[i] = b.get(i);
        }
        return d;
    }

    /**
     * {@code into.length} values of {@code a} from row-major position {@code from} on, in double precision, into
     * {@code into}: one sample's slice of a batch without copying the batch.
     */
    public static void readDouble(INDArray a, long from, double[] into) {
        INDArray c = plain(a);
        if (from < 0 || from + into.length > c.length()) {
            throw new IllegalArgumentException("readDouble: " + into.length + " values from " + from + " of "
                    + c.length());
        }
        Nd4j.getAffinityManager().ensureLocation(c, AffinityManager.Location.HOST);
        java.nio.FloatBuffer b = c.data().asNioFloat();
        int o = (int) from;
        for (int i = 0; i < into.length; i++) {
            into[i] = b.get(o + i);
        }
    }

    /**
     * Writes row-major {@code values} into {@code a}, a plain float array of the same length, and marks the
     * host copy as the current one (on CUDA the next device op then copies it over; on the CPU a no-op).
     * Every host-side bulk write into an ND4J array goes through here.
     */
    public static void write(INDArray a, float[] values) {
        if (a.isView() || a.ordering() != 'c' || a.dataType() != DataType.FLOAT || a.length() != values.length) {
            throw new IllegalArgumentException("write needs a plain float array of length " + values.length);
        }
        Nd4j.getAffinityManager().ensureLocation(a, AffinityManager.Location.HOST);
        a.data().asNioFloat().put(values, 0, values.length);
        Nd4j.getAffinityManager().tagLocation(a, AffinityManager.Location.HOST);
    }

    /**
     * A new float array of {@code shape} holding {@code values} (row-major), each rounded to float: written
     * straight into the array's host buffer, without a float copy on the heap first (the loss gradients come
     * through here every step).
     */
    public static INDArray create(double[] values, long... shape) {
        long length = 1;
        for (long d : shape) {
            length *= d;
        }
        if (length != values.length) {
            throw new IllegalArgumentException("create: " + values.length + " values for shape "
                    + java.util.Arrays.toString(shape));
        }
        INDArray a = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        write(a, values);
        return a;
    }

    /** {@link #write(INDArray, float[])} of {@code values} each rounded to float, without a float copy first. */
    public static void write(INDArray a, double[] values) {
        if (a.isView() || a.ordering() != 'c' || a.dataType() != DataType.FLOAT || a.length() != values.length) {
            throw new IllegalArgumentException("write needs a plain float array of length " + values.length);
        }
        Nd4j.getAffinityManager().ensureLocation(a, AffinityManager.Location.HOST);
        java.nio.FloatBuffer b = a.data().asNioFloat();
        for (int i = 0; i < values.length; i++) {
            b.put(i, (float) values[i]);
        }
        Nd4j.getAffinityManager().tagLocation(a, AffinityManager.Location.HOST);
    }

    /** {@code cached} if it is a float array of {@code shape}, else a new uninitialised one. */
    public static INDArray like(INDArray cached, long... shape) {
        if (cached != null && java.util.Arrays.equals(cached.shape(), shape)) {
            return cached;
        }
        return Nd4j.createUninitialized(DataType.FLOAT, shape);
    }

    /**
     * {@code value} where the ReLU output {@code relu} (never negative, never −0) is positive, else 0, without
     * a branch: half of a ReLU layer's outputs are zero in no predictable pattern, and a branch per element
     * costs more in mispredictions than the arithmetic.
     */
    static float where(float relu, float value) {
        int mask = -Float.floatToRawIntBits(relu) >> 31;
        return Float.intBitsToFloat(Float.floatToRawIntBits(value) & mask);
    }

    private static INDArray plain(INDArray a) {
        if (a.isView() || a.ordering() != 'c' || a.dataType() != DataType.FLOAT) {
            return a.castTo(DataType.FLOAT).dup('c');
        }
        return a;
    }
}
