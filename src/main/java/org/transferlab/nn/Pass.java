package org.transferlab.nn;

import java.util.Random;

/**
 * How a forward pass runs: training (batch statistics, running averages updated, dropout drawn from
 * {@code rng}) or evaluation (running statistics, no dropout).
 */
public record Pass(boolean training, Random rng) {
    public static final Pass EVAL = new Pass(false, null);

    public static Pass train(Random rng) {
        return new Pass(true, rng);
    }
}
