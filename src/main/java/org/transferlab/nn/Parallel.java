package org.transferlab.nn;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Runs independent per-channel work on the common fork-join pool when there is enough of it. */
final class Parallel {
    private Parallel() {
    }

    static void forEach(int count, IntConsumer body) {
        if (count < 2 || Runtime.getRuntime().availableProcessors() < 2) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
        } else {
            IntStream.range(0, count).parallel().forEach(body);
        }
    }
}
