package org.transferlab.ui.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The view-model behind "Train 3 seeds" and "Train 3 more seeds": the runs still to start, one per seed, in
 * order, and where the queue stands ("run 2 of 3"). No JavaFX: the window asks it what to start next and what
 * to say. The seeds for "more" are the smallest ones the group has not used yet.
 *
 * @param <C> a run's configuration
 */
public final class SeedQueue<C> {
    private final ArrayDeque<C> queue = new ArrayDeque<>();
    private int total;

    /** The {@code n} smallest seeds ≥ 0 not in {@code used}, ascending. */
    public static List<Long> unusedSeeds(Collection<Long> used, int n) {
        Set<Long> taken = new HashSet<>(used);
        List<Long> seeds = new ArrayList<>();
        for (long s = 0; seeds.size() < n; s++) {
            if (!taken.contains(s)) {
                seeds.add(s);
            }
        }
        return seeds;
    }

    /** Replaces what is queued by one run per seed, made by {@code withSeed}. */
    public void fill(List<Long> seeds, LongFunction<C> withSeed) {
        queue.clear();
        seeds.forEach(s -> queue.add(withSeed.apply(s)));
        total = seeds.size();
    }

    /** The next run to start, taken off the queue. */
    public Optional<C> next() {
        return Optional.ofNullable(queue.poll());
    }

    /** "run 2 of 3" for the run {@link #next()} returned last. */
    public String position() {
        return "run " + (total - queue.size()) + " of " + total;
    }

    public int remaining() {
        return queue.size();
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Drops what is still queued (a run failed or was stopped); returns how many were dropped. */
    public int clear() {
        int n = queue.size();
        queue.clear();
        return n;
    }
}
