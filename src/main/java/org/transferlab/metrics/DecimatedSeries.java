package org.transferlab.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * An (x, y) series that never holds more than {@code 2·capacity} points yet covers the whole run: it is
 * decimated, not truncated. Points are grouped into buckets of {@code stride} consecutive points; each bucket
 * keeps its minimum and its maximum (in x order), so spikes survive. When the buckets fill up, neighbours are
 * merged pairwise and the stride doubles. The last point added is always reported. Not thread-safe: one
 * writer, and readers on the same thread (views copy it on their UI thread).
 */
public final class DecimatedSeries {
    private final int capacity;
    private final double[] minX;
    private final double[] minY;
    private final double[] maxX;
    private final double[] maxY;
    private int buckets;
    private int stride = 1;
    private int inCurrent;
    private long added;
    private double lastX = Double.NaN;
    private double lastY = Double.NaN;

    public DecimatedSeries(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2, got " + capacity);
        }
        this.capacity = capacity;
        minX = new double[capacity];
        minY = new double[capacity];
        maxX = new double[capacity];
        maxY = new double[capacity];
    }

    /** Adds a point; x should not decrease. NaN values are skipped (a gap, not a point). */
    public void add(double x, double y) {
        if (Double.isNaN(y)) {
            return;
        }
        added++;
        lastX = x;
        lastY = y;
        if (inCurrent == 0) {
            if (buckets == capacity) {
                mergePairs();
            }
            int b = buckets++;
            minX[b] = x;
            minY[b] = y;
            maxX[b] = x;
            maxY[b] = y;
        } else {
            int b = buckets - 1;
            if (y < minY[b]) {
                minX[b] = x;
                minY[b] = y;
            }
            if (y > maxY[b]) {
                maxX[b] = x;
                maxY[b] = y;
            }
        }
        inCurrent = (inCurrent + 1) % stride;
    }

    private void mergePairs() {
        int out = 0;
        for (int b = 0; b < buckets; b += 2) {
            int c = Math.min(b + 1, buckets - 1);
            boolean leftMin = minY[b] <= minY[c];
            boolean leftMax = maxY[b] >= maxY[c];
            minX[out] = leftMin ? minX[b] : minX[c];
            minY[out] = leftMin ? minY[b] : minY[c];
            maxX[out] = leftMax ? maxX[b] : maxX[c];
            maxY[out] = leftMax ? maxY[b] : maxY[c];
            out++;
        }
        buckets = out;
        stride *= 2;
        inCurrent = 0;
    }

    /** How many points were added in all. */
    public long added() {
        return added;
    }

    /** How many raw points one bucket now stands for. */
    public int stride() {
        return stride;
    }

    /** The points to draw, in x order: each bucket's minimum and maximum, then the last point added. */
    public List<double[]> points() {
        List<double[]> out = new ArrayList<>(2 * buckets + 1);
        for (int b = 0; b < buckets; b++) {
            boolean minFirst = minX[b] <= maxX[b];
            addPoint(out, minFirst ? minX[b] : maxX[b], minFirst ? minY[b] : maxY[b]);
            addPoint(out, minFirst ? maxX[b] : minX[b], minFirst ? maxY[b] : minY[b]);
        }
        if (added > 0) {
            addPoint(out, lastX, lastY);
        }
        return out;
    }

    private static void addPoint(List<double[]> out, double x, double y) {
        if (!out.isEmpty()) {
            double[] prev = out.get(out.size() - 1);
            if (prev[0] == x && prev[1] == y) {
                return;
            }
        }
        out.add(new double[]{x, y});
    }
}
