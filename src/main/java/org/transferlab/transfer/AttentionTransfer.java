package org.transferlab.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * smaller (an integer ratio is required). The backward pass runs the same steps in reverse: the distance,
 * the normalisation ({@code ∂Q/∂a = (I − Q·Qᵀ)/‖a‖}), the pooling, the channel reduction and
 * {@code ∂|A|^p/∂A = p·|A|^(p−1)·sign(A)}.
 */
public final class AttentionTransfer implements TransferTerm {
    /** The method as the registry lists it. */
    public static final TransferMethod METHOD = new TransferMethod("at", "Attention transfer (AT)",
            "Zagoruyko and Komodakis, ICLR 2017",
            "L_{at} = \\beta \\sum_{j} \\frac{1}{N}\\sum_n \\left\\| \\frac{Q_t^j}{\\|Q_t^j\\|_2} - "
                    + "\\frac{Q_s^j}{\\|Q_s^j\\|_2} \\right\\|_2,\\quad Q = \\mathrm{vec}\\Big(\\sum_c |A_c|^p\\Big)",
            "the student matches where the teacher's feature maps are active, at chosen layer pairs",
            List.of(
                    Setting.choice("form", "AT form",
                            "tutorial: Σ|A|^p, L2 distance, β = 1; paper: mean |A|², mean of squares, β = 1000",
                            "tutorial", List.of("tutorial", "paper"))
                            .withPresets(Map.of("tutorial", Map.of("p", 1.0, "beta", 1.0),
                                    "paper", Map.of("p", 2.0, "beta", 1000.0))),
                    Setting.number("p", "power p", "the power on |A| before summing over channels", 1.0, 1, 8),
                    Setting.number("beta", "β", "the weight of the AT term", 1.0, 0, 1e6),
                    Setting.points("pairs", "layer pairs",
                            "where the maps are compared (the same point on both networks)",
                            List.of("group1", "group2", "group3"))),
            List.of(new TransferMethod.Component("at", "AT", true)),
            List.of("teacher attention maps at the pairs", "student features at the pairs"),
            List.of(TransferMethod.source(AttentionTransfer.class)),
            v -> new AttentionTransfer(Form.parse(v.text("form")), v.number("p"), v.number("beta"), v.points("pairs")));


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
    private final Map<String, int[]> sizes = new java.util.HashMap<>();

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
            throw new IllegalArgumentException("at.beta must be >= 0, got " + beta);
        }
        if (!(p >= 1) || Double.isInfinite(p)) {
            throw new IllegalArgumentException("at.p (the attention power) must be >= 1, got " + p);
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("at.pairs: attention transfer needs at least one layer pair");
        }
        checkPoints("student " + context.studentName(), context.studentPoints());
        checkPoints("teacher " + context.teacherName(), context.teacherPoints());
        for (String pair : pairs) {
            int[] s = context.studentPoints().get(pair);
            int[] t = context.teacherPoints().get(pair);
            int big = Math.max(s[1], t[1]);
            int small = Math.min(s[1], t[1]);
            if (big % small != 0 || Math.max(s[2], t[2]) % Math.min(s[2], t[2]) != 0) {
                throw new IllegalArgumentException("at.pairs: at '" + pair + "' maps of " + s[1] + "x" + s[2]
                        + " and " + t[1] + "x" + t[2] + " cannot be pooled to a common size");
            }
            int[] size = commonSize(s, t);
            context.useAttentionPair(pair, size[0], size[1], form, p);
            sizes.put(pair, size);
        }
    }

    private void checkPoints(String who, Map<String, int[]> has) {
        List<String> missing = pairs.stream().filter(pair -> !has.containsKey(pair)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("at.pairs: the " + who + " has no attention point "
                    + String.join(", ", missing) + (has.isEmpty() ? " (it has none: AT needs CNNs on both sides)"
                    : "; it has " + String.join(", ", has.keySet())));
        }
    }

    /** The common map side for a pair: the smaller of the two. */
    public static int[] commonSize(int[] studentShape, int[] teacherShape) {
        return new int[]{Math.min(studentShape[1], teacherShape[1]), Math.min(studentShape[2], teacherShape[2])};
    }

    @Override
    public Map<String, Double> componentWeights() {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("loss/at", scale());
        pairs.forEach(p -> m.put("loss/at/" + p, scale()));
        return m;
    }

    @Override
    public List<Component> evaluate(LossInputs in, LossGradients gradients) {
        List<Component> parts = new ArrayList<>();
        double sum = 0;
        for (String pair : pairs) {
            LossInputs.Feature f = in.studentTaps().get(pair);
            double[] qt = in.teacherMaps().get(pair);
            int[] size = sizes.get(pair);
            if (size == null) {
                throw new IllegalStateException("validate() first: no map size for pair " + pair);
            }
            int h = size[0];
            int w = size[1];
            double loss = pair(f, qt, in.n(), form, p, h, w, scale(), gradients.tap(pair, f.values().length));
            parts.add(new Component("loss/at/" + pair, loss, scale()));
            sum += loss;
        }
        List<Component> out = new ArrayList<>();
        out.add(new Component("loss/at", sum, scale()));
        out.addAll(parts);
        return out;
    }

    /** The factor on the sum of pair distances: β (tutorial) or β/2 (paper). */
    public double scale() {
        return form == Form.PAPER ? beta / 2 : beta;
    }

    /**
     * One pair's unweighted distance between the student's map of feature {@code f} (at h×w) and the teacher's
     * maps {@code qt} [N·h·w]; adds {@code weight·∂distance/∂f} to {@code gradFeature} (unless null).
     */
    public static double pair(LossInputs.Feature f, double[] qt, int n, Form form, double p, int h, int w,
                              double weight, double[] gradFeature) {
        double[] gradQ = new double[qt.length];
        double[] a = pooled(f, form, p, h, w);
        double loss = pairLoss(normalised(a, h * w), qt, n, form, gradQ);
        if (gradFeature != null) {
            mapBackward(f, a, form, p, h, w, gradQ, weight, gradFeature);
        }
        return loss;
    }

    /**
     * The normalised attention map Q [N·h·w] of a feature tensor [N, C, H, W], average-pooled from H×W to h×w
     * first if larger.
     */
    public static double[] map(LossInputs.Feature f, Form form, double p, int h, int w) {
        return normalised(pooled(f, form, p, h, w), h * w);
    }

    /** Each sample's row of {@code a} divided by its L2 norm (a new array). */
    private static double[] normalised(double[] a, int hw) {
        double[] q = a.clone();
        for (int s = 0; s < q.length / hw; s++) {
            double norm = norm(a, s * hw, hw);
            for (int k = s * hw; k < (s + 1) * hw; k++) {
                q[k] /= norm;
            }
        }
        return q;
    }

    /** The map before normalisation: Σ_c |A|^p (or the mean over c), average-pooled to h×w. */
    private static double[] pooled(LossInputs.Feature f, Form form, double p, int h, int w) {
        int c = f.channels();
        int plane = f.height() * f.width();
        int n = f.values().length / (c * plane);
        int[] cell = cells(f, h, w);
        double[] a = new double[n * h * w];
        double[] v = f.values();
        for (int s = 0; s < n; s++) {
            int o = s * h * w;
            for (int ch = 0; ch < c; ch++) {
                int base = (s * c + ch) * plane;
                if (cell == null) {
                    for (int k = 0; k < plane; k++) {
                        double abs = Math.abs(v[base + k]);
                        a[o + k] += p == 1.0 ? abs : Math.pow(abs, p);
                    }
                } else {
                    for (int k = 0; k < plane; k++) {
                        double abs = Math.abs(v[base + k]);
                        a[o + cell[k]] += p == 1.0 ? abs : Math.pow(abs, p);
                    }
                }
            }
        }
        double scale = (form == Form.PAPER ? 1.0 / c : 1.0) * h * w / plane;
        if (scale != 1.0) {
            for (int k = 0; k < a.length; k++) {
                a[k] *= scale;
            }
        }
        return a;
    }

    /** For pooling: the map cell each position of an H×W plane falls in; null when no pooling is needed. */
    private static int[] cells(LossInputs.Feature f, int h, int w) {
        if (f.height() == h && f.width() == w) {
            return null;
        }
        int kh = f.height() / h;
        int kw = f.width() / w;
        int[] cell = new int[f.height() * f.width()];
        for (int y = 0; y < f.height(); y++) {
            for (int x = 0; x < f.width(); x++) {
                cell[y * f.width() + x] = (y / kh) * w + x / kw;
            }
        }
        return cell;
    }

    private static double norm(double[] a, int from, int len) {
        double ss = 0;
        for (int k = from; k < from + len; k++) {
            ss += a[k] * a[k];
        }
        return Math.sqrt(ss + NORM_EPS);
    }

    /** Adds {@code weight·∂L/∂A} to {@code gradFeature}, given ∂L/∂Q and the unnormalised pooled map a of {@code f}. */
    private static void mapBackward(LossInputs.Feature f, double[] a, Form form, double p, int h, int w,
                                    double[] gradQ, double weight, double[] gradFeature) {
        int hw = h * w;
        int n = a.length / hw;
        double[] gradA = new double[a.length];
        for (int s = 0; s < n; s++) {
            int o = s * hw;
            double norm = norm(a, o, hw);
            double dot = 0;
            for (int k = o; k < o + hw; k++) {
                dot += gradQ[k] * a[k];
            }
            for (int k = o; k < o + hw; k++) {
                gradA[k] = gradQ[k] / norm - a[k] * dot / (norm * norm * norm);
            }
        }
        int c = f.channels();
        int plane = f.height() * f.width();
        int[] cell = cells(f, h, w);
        double scale = weight * (form == Form.PAPER ? 1.0 / c : 1.0) * hw / plane;
        for (int k = 0; k < gradA.length; k++) {
            gradA[k] *= scale;
        }
        double[] v = f.values();
        for (int s = 0; s < n; s++) {
            int o = s * hw;
            for (int ch = 0; ch < c; ch++) {
                int base = (s * c + ch) * plane;
                for (int k = 0; k < plane; k++) {
                    double value = v[base + k];
                    // sign(value) without a branch: ±1, and 0 at 0 as in PyTorch's |x|' (subnormals aside)
                    double sign = value / Math.max(Math.abs(value), Double.MIN_NORMAL);
                    double dPow = p == 1.0 ? sign : p * Math.pow(Math.abs(value), p - 1) * sign;
                    gradFeature[base + k] += gradA[o + (cell == null ? k : cell[k])] * dPow;
                }
            }
        }
    }

    /**
     * The unweighted distance between two batches of normalised maps [N·h·w], per the form (see class doc);
     * writes ∂distance/∂Q_s into {@code gradStudent} when it is not null.
     */
    public static double pairLoss(double[] qs, double[] qt, int n, Form form, double[] gradStudent) {
        int hw = qs.length / n;
        double total = 0;
        for (int s = 0; s < n; s++) {
            double ss = 0;
            for (int k = s * hw; k < (s + 1) * hw; k++) {
                double d = qt[k] - qs[k];
                ss += d * d;
            }
            if (form == Form.PAPER) {
                total += ss / (n * (double) hw);
                if (gradStudent != null) {
                    for (int k = s * hw; k < (s + 1) * hw; k++) {
                        gradStudent[k] = -2 * (qt[k] - qs[k]) / (n * (double) hw);
                    }
                }
            } else {
                double dist = Math.sqrt(ss + NORM_EPS);
                total += dist / n;
                if (gradStudent != null) {
                    for (int k = s * hw; k < (s + 1) * hw; k++) {
                        gradStudent[k] = -(qt[k] - qs[k]) / (n * dist);
                    }
                }
            }
        }
        return total;
    }
}
