package org.transferlab.engine;

import org.bytedeco.javacpp.Pointer;

/**
 * Keeps a training loop's memory flat. ND4J frees an array's native buffer only when the small Java object
 * that owns it is garbage-collected, and a training step allocates hundreds of megabytes of native
 * activations but almost no Java heap, so the collector rarely runs and resident memory climbs until the
 * operating system kills the process (seen: 24 GB after 20 teacher steps). After each step this asks for a
 * collection when resident memory has grown by more than {@link #HEADROOM_BYTES} since the last one, or
 * every {@link #MAX_STEPS_BETWEEN} steps.
 */
public final class MemoryGuard {
    static final long HEADROOM_BYTES = 1L << 30;
    static final int MAX_STEPS_BETWEEN = Integer.getInteger("transferlab.gcEverySteps", 25);

    private long baseline = Pointer.physicalBytes();
    private int steps;

    /**
     * Collects now and starts counting afresh: after a set-up that leaves much garbage (the teacher's passes over
     * the training set at the evaluation batch size leave hundreds of MB of host copies), so it is not carried
     * through the first steps of training on top of their own.
     */
    public void collectNow() {
        System.gc();
        baseline = Pointer.physicalBytes();
        steps = 0;
    }

    public void afterStep() {
        steps++;
        long now = Pointer.physicalBytes();
        if (now - baseline > HEADROOM_BYTES || steps >= MAX_STEPS_BETWEEN) {
            System.gc();
            baseline = Pointer.physicalBytes();
            steps = 0;
        }
    }
}
