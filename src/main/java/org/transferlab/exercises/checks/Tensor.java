package org.transferlab.exercises.checks;

import java.util.Arrays;
import java.util.Random;

/** A named input of a check: values (row-major, double) and shape. */
public record Tensor(double[] values, long[] shape) {

    public static Tensor normal(Random rng, double scale, long... shape) {
        double[] v = new double[size(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian() * scale;
        }
        return new Tensor(v, shape);
    }

    public static Tensor of(double[] values, long... shape) {
        return new Tensor(values, shape);
    }

    static int size(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return Math.toIntExact(n);
    }

    public String shapeText() {
        return Arrays.toString(shape);
    }
}
