package org.transferlab.finetune;

import java.io.IOException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferlab.data.DataKind;
import org.transferlab.data.ImageSet;
import org.transferlab.data.Subsets;
import org.transferlab.engine.Batches;
import org.transferlab.models.Checkpoint;
import org.transferlab.models.ModelZoo;
import org.transferlab.models.Network;
import org.transferlab.nn.Floats;
import org.transferlab.nn.Pass;

/**
 * Off-the-shelf features: the source network's pooled activations (its {@code embedding}, after global average
 * pooling) as a descriptor of target images it was never trained on. For a query image, its nearest neighbours
 * in a gallery of target images by cosine similarity of those features, next to its nearest neighbours by raw
 * pixels (Euclidean); and, over many queries, how often the k nearest share the query's class.
 */
public final class Neighbours {
    /** The gallery and the queries' source, with every image's descriptor. */
    public record Index(TargetTask task, String point, ImageSet gallery, ImageSet queries, float[][] galleryFeatures,
                        float[][] queryFeatures, String source) {
    }

    /** A query's neighbours in the gallery, nearest first, by features and by pixels. */
    public record Result(int query, int[] byFeatures, int[] byPixels) {
    }

    private Neighbours() {
    }

    /**
     * Computes the descriptors: gallery = {@code galleryImages} images of the target's training pool (a seeded
     * choice), queries = the target's test images.
     */
    public static Index index(TargetTask task, DataKind data, int galleryImages, long seed) throws IOException {
        return index(task, data, galleryImages, seed, "embedding");
    }

    /** As {@link #index(TargetTask, DataKind, int, long)}, describing images by the source's feature point {@code point}. */
    public static Index index(TargetTask task, DataKind data, int galleryImages, long seed, String point)
            throws IOException {
        TargetTask.Data d = task.load(data, null);
        ImageSet gallery = Subsets.firstN(d.pool(), Math.min(galleryImages, d.pool().size()), seed);
        Network source = Network.create(ModelZoo.get(task.architecture()), task == TargetTask.FASHION_SPLIT ? 5 : 10, 0);
        Checkpoint.apply(source, SourceNetworks.read(task, null), SourceNetworks.describe(task, null));
        if (!source.architecture().features().containsKey(point)) {
            throw new IllegalArgumentException("--point: " + task.architecture() + " has no feature point " + point
                    + "; its points are " + source.architecture().features().keySet());
        }
        return new Index(task, point, gallery, d.test(), features(source, gallery, point),
                features(source, d.test(), point), d.source());
    }

    static float[][] features(Network net, ImageSet set, String point) {
        float[][] out = new float[set.size()][];
        int[] idx = Batches.identity(set.size());
        for (int from = 0; from < set.size(); from += 500) {
            int to = Math.min(set.size(), from + 500);
            INDArray e = net.forward(Batches.images(set, idx, from, to), Pass.EVAL).taps().get(point);
            float[] flat = Floats.read(e, null);
            int dim = flat.length / (to - from);
            for (int i = from; i < to; i++) {
                out[i] = java.util.Arrays.copyOfRange(flat, (i - from) * dim, (i - from + 1) * dim);
            }
        }
        net.release();
        return out;
    }

    /** The {@code k} nearest gallery images of test image {@code query}, by features and by pixels. */
    public static Result find(Index index, int query, int k) {
        int n = index.gallery().size();
        double[] byF = new double[n];
        double[] byP = new double[n];
        float[] q = index.queryFeatures()[query];
        float[] qp = new float[index.queries().pixelsPerImage()];
        index.queries().copyScaled(query, qp, 0);
        float[] gp = new float[qp.length];
        for (int i = 0; i < n; i++) {
            byF[i] = -cosine(q, index.galleryFeatures()[i]);
            index.gallery().copyScaled(i, gp, 0);
            double d = 0;
            for (int j = 0; j < gp.length; j++) {
                d += (gp[j] - qp[j]) * (gp[j] - qp[j]);
            }
            byP[i] = d;
        }
        return new Result(query, smallest(byF, k), smallest(byP, k));
    }

    /** Over {@code queries} test images (the first of a seeded shuffle): the mean share of k nearest with the query's class. */
    public static double[] precision(Index index, int queries, int k, long seed) {
        int[] order = Subsets.permutation(index.queries().size(), seed);
        double f = 0;
        double p = 0;
        int m = Math.min(queries, order.length);
        for (int i = 0; i < m; i++) {
            Result r = find(index, order[i], k);
            int label = index.queries().label(order[i]);
            f += share(index.gallery(), r.byFeatures(), label);
            p += share(index.gallery(), r.byPixels(), label);
        }
        return new double[]{f / m, p / m};
    }

    /** The share of {@code neighbours} whose class is {@code label}. */
    public static double share(ImageSet gallery, int[] neighbours, int label) {
        int same = 0;
        for (int i : neighbours) {
            same += gallery.label(i) == label ? 1 : 0;
        }
        return neighbours.length == 0 ? 0 : same / (double) neighbours.length;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    static int[] smallest(double[] v, int k) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        int[] out = new int[Math.min(k, v.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
