package org.transferlab.engine;

/**
 * The one hook into a run of any chapter, called on the training thread in this order: {@link #onStart} once,
 * {@link #onStep} per step, {@link #onEpoch} after each epoch, {@link #onEnd} once whatever the outcome (the
 * {@link RunSkeleton} guarantees it). What a step or an epoch carries is the chapter's own record; what every
 * step says (where the run is, its loss, its ETA) is {@link RunProgress}, so a progress display serves all
 * chapters. A chapter may add hooks of its own (part 1 its snapshots, part 2 the start and end of each
 * structure). A listener that draws must hand the work to its own thread and return fast.
 *
 * @param <I> what the run is about, told once at its start
 * @param <S> one training step
 * @param <E> one finished epoch
 * @param <R> how the run ended
 */
public interface RunListener<I, S extends RunProgress, E, R> {
    default void onStart(I info) {
    }

    default void onStep(S step) {
    }

    default void onEpoch(E epoch) {
    }

    default void onEnd(R result) {
    }
}
