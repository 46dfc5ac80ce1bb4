package org.transferlab.transfer;

/**
 * A trainable array that belongs to a transfer method rather than to the student (e.g. FitNets' regressor).
 * Float32 like the network's parameters, so a checkpoint holds it exactly; the method writes its gradient into
 * {@link #grad} during {@link TransferTerm#evaluate}, and the engine's optimiser, checkpoints and resume cover it
 * like the network's parameters.
 *
 * @param name  unique within a run, e.g. {@code fitnets/regressor/W}
 * @param value the current values, row-major
 * @param grad  the gradient of the total loss the last evaluation wrote (same length)
 * @param shape the array's shape
 */
public record MethodParameter(String name, float[] value, float[] grad, long[] shape) {

    /** A parameter of {@code shape} holding {@code init} (rounded to float). */
    public static MethodParameter of(String name, double[] init, long... shape) {
        float[] v = new float[init.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) init[i];
        }
        return new MethodParameter(name, v, new float[v.length], shape.clone());
    }

    /** The values in double precision, for the loss's arithmetic. */
    public double[] values() {
        double[] d = new double[value.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = value[i];
        }
        return d;
    }

    /** Sets the gradient to {@code g} (rounded to float). */
    public void setGradient(double[] g) {
        for (int i = 0; i < grad.length; i++) {
            grad[i] = (float) g[i];
        }
    }
}
