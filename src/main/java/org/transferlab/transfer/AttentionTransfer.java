package org.transferlab.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * Attention transfer (Zagoruyko and Komodakis, ICLR 2017): the student matches the teacher's spatial
 * attention maps at chosen pairs of layers.
 *
 * <p>An attention map collapses a feature tensor A [N, C, H, W] over channels and is L2-normalised per sample:
 * <pre>
 *   TUTORIAL: a = Σ_c |A_c|^p          (p = 1 by default)
 *   PAPER:    a = (1/C) Σ_c |A_c|^p    (p = 2 by default)
 *   Q = vec(a) / ‖vec(a)‖₂
 * </pre>
 * and the loss over the layer pairs j is
 * <pre>
 *   TUTORIAL: L_at = β · Σ_j (1/N) Σ_n ‖Q_t^j[n] − Q_s^j[n]‖₂                   (β = 1 by default)
 *   PAPER:    L_at = (β/2) · Σ_j (1/(N·H·W)) Σ_n Σ_k (Q_t^j[n,k] − Q_s^j[n,k])²   (β = 1000; the authors' code)
 * </pre>
 * Channel counts never need to match. If a pair's maps differ in size, the larger is average-pooled to the
 * smaller (an integer ratio is required).
 */
public final class AttentionTransfer implements TransferTerm {

    /** Which published variant of the AT loss: the tutorial's or the paper code's. */
    public enum Form {
        TUTORIAL(1.0, 1.0), PAPER(2.0, 1000.0);

        private final double defaultP;
        private final double defaultBeta;

        Form(double defaultP, double defaultBeta) {
            this.defaultP = defaultP;
            this.defaultBeta = defaultBeta;
        }

        public double defaultP() {
            return defaultP;
        }

        public double defaultBeta() {
            return defaultBeta;
        }

        public static Form parse(String s) {
            for (Form f : values()) {
                if (f.name().equalsIgnoreCase(s)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown AT form '" + s + "'; choose tutorial or paper");
        }
    }

    private static final double NORM_EPS = 1e-12;

    private final Form form;
    private final double p;
    private final double beta;
    private final List<String> pairs;

    public AttentionTransfer(Form form, double p, double beta, List<String> pairs) {
        this.form = form;
        this.p = p;
        this.beta = beta;
        this.pairs = List.copyOf(pairs);
    }

    @Override
    public String id() {
        return "at";
    }

    public Form form() {
        return form;
    }

    public double p() {
        return p;
    }

    public double beta() {
        return beta;
    }

    public List<String> pairs() {
        return pairs;
    }

    @Override
    public void validate(ObjectiveContext context) {
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be >= 0, got " + beta);
        }
        if (!(p >= 1) || Double.isInfinite(p)) {
            throw new IllegalArgumentException("the attention power p must be >= 1, got " + p);
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("attention transfer needs at least one layer pair (--pairs)");
        }
        for (String pair : pairs) {
            int[] s = context.studentPoints().get(pair);
            int[] t = context.teacherPoints().get(pair);
            if (s == null || t == null) {
                String who = s == null ? "student " + context.studentName() : "teacher " + context.teacherName();
                Map<String, int[]> has = s == null ? context.studentPoints() : context.teacherPoints();
                throw new IllegalArgumentException("layer pair '" + pair + "': the " + who
                        + " has no such attention point" + (has.isEmpty() ? " (it has none; AT needs a CNN)"
                        : "; it has " + has.keySet()));
            }
            int big = Math.max(s[1], t[1]);
            int small = Math.min(s[1], t[1]);
            if (big % small != 0 || Math.max(s[2], t[2]) % Math.min(s[2], t[2]) != 0) {
                throw new IllegalArgumentException("layer pair '" + pair + "': maps of " + s[1] + "x" + s[2]
                        + " and " + t[1] + "x" + t[2] + " cannot be pooled to a common size");
            }
        }
    }

    /** The common map side for a pair: the smaller of the two. */
    public static int[] commonSize(int[] studentShape, int[] teacherShape) {
        return new int[]{Math.min(studentShape[1], teacherShape[1]), Math.min(studentShape[2], teacherShape[2])};
    }

    @Override
    public List<NamedLoss> build(ObjectiveContext context) {
        List<SDVariable> perPair = new ArrayList<>();
        List<NamedLoss> parts = new ArrayList<>();
        for (String pair : pairs) {
            int[] size = commonSize(context.studentPoints().get(pair), context.teacherPoints().get(pair));
            SDVariable qs = map(context.studentTap(pair), context.studentPoints().get(pair)[1], form, p,
                    size[0], size[1]);
            SDVariable qt = context.teacherMap(pair, size[0] * size[1]);
            SDVariable loss = pairLoss("loss/at/" + pair, qs, qt, form);
            perPair.add(loss);
            parts.add(new NamedLoss("loss/at/" + pair, loss, scale()));
        }
        SDVariable sum = perPair.get(0);
        for (int i = 1; i < perPair.size(); i++) {
            sum = sum.add(perPair.get(i));
        }
        List<NamedLoss> out = new ArrayList<>();
        out.add(new NamedLoss("loss/at", sum.getSameDiff().identity("loss/at", sum), scale()));
        out.addAll(parts);
        return out;
    }

    /** The factor on the sum of pair distances: β (tutorial) or β/2 (paper). */
    public double scale() {
        return form == Form.PAPER ? beta / 2 : beta;
    }

    /**
     * The normalised attention map Q [N, h·w] of a feature tensor [N, C, H, W] (H = {@code featureHeight}),
     * average-pooled to h×w first if larger.
     */
    public static SDVariable map(SDVariable feature, int featureHeight, Form form, double p, int h, int w) {
        var sd = feature.getSameDiff();
        SDVariable powered = sd.math().abs(feature);
        if (p != 1.0) {
            powered = powered.pow(p);
        }
        SDVariable a = form == Form.PAPER ? powered.mean(true, 1) : powered.sum(true, 1);
        if (featureHeight > h) {
            int k = featureHeight / h;
            Pooling2DConfig cfg = Pooling2DConfig.builder().kH(k).kW(k).sH(k).sW(k).dH(1).dW(1)
                    .paddingMode(PaddingMode.VALID).isNHWC(false).build();
            a = sd.cnn().avgPooling2d(a, cfg);
        }
        SDVariable flat = a.reshape(-1, (long) h * w);
        SDVariable norm = sd.math().sqrt(flat.mul(flat).sum(true, 1).add(NORM_EPS));
        return flat.div(norm);
    }

    /** The unweighted distance between two batches of normalised maps, per the form (see class doc). */
    public static SDVariable pairLoss(String name, SDVariable qs, SDVariable qt, Form form) {
        var sd = qs.getSameDiff();
        SDVariable d = qt.sub(qs);
        SDVariable sq = d.mul(d);
        if (form == Form.PAPER) {
            return sq.mean(true, 0, 1).rename(name);
        }
        SDVariable dist = sd.math().sqrt(sq.sum(true, 1).add(NORM_EPS));
        return dist.mean(true, 0).rename(name);
    }
}
