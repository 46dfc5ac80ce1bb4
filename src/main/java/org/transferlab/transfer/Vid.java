package org.transferlab.transfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variational information distillation, VID-I (Ahn, Hu, Damianou, Lawrence and Dai, CVPR 2019): at each pair of
 * intermediate features the student maximises a variational lower bound on the mutual information between the
 * teacher's feature t and its own feature s. The bound uses a Gaussian q(t|s) whose mean μ(s) is a trainable
 * regressor and whose variance σ_c² is one trainable number per teacher channel (independent of the input):
 * <pre>
 *   σ_c² = softplus(α_c) + ε                                  (ε = 1e-5, the authors' code)
 *   μ(P)[n,c,p] = Σ_k W[c,k]·P[n,k,p] + b[c]                  (one 1×1 convolution; see below)
 *   L_pair = (1/(N·C_t·h·w)) Σ_{n,c,p} [ log σ_c + (t[n,c,p] − μ[n,c,p])² / (2σ_c²) ]
 *   L_vid  = Σ_pairs L_pair,      L = CE + λ·L_vid
 * </pre>
 * P is the student's feature at the pair, average-pooled to the teacher's h×w when it is larger (the teacher's is
 * pooled instead when that is the larger; an integer ratio is required). The paper's loss sums over channels and
 * positions and averages over the batch; here every element is averaged (the authors' code does the same,
 * {@code mean(0.5·((μ−t)²/σ² + log σ²))}, which is this loss exactly), so the two differ by the constant factor
 * C_t·h·w, which λ absorbs. The constant ½·log 2π of the Gaussian's negative log-likelihood is left out.
 *
 * <p>Simplification: the paper's μ is conv1×1 → ReLU → conv1×1 → ReLU → conv1×1; here μ is a single 1×1
 * convolution (with bias, started as PyTorch starts one: uniform ±1/√C_s), which keeps the term's own
 * parameters small on these networks. α starts at softplus⁻¹(σ₀² − ε) for every channel so that σ_c² starts at
 * the initial variance σ₀² (the authors' code: 5). W, b and α are trained by the run's optimiser, held in
 * checkpoints and restored on resume ({@link MethodParameter}).
 *
 * <p>Gradients (E = (μ − t)/(σ_c²·N·C_t·h·w)): {@code ∂L/∂μ = E}, {@code ∂L/∂W[c,k] = Σ_{n,p} E·P[n,k,p]},
 * {@code ∂L/∂b[c] = Σ_{n,p} E}, {@code ∂L/∂P[n,k,p] = Σ_c W[c,k]·E}, spread evenly over each pooling cell, and
 * {@code ∂L/∂α_c = (1/(N·C_t·h·w)) Σ_{n,p} ½·(1/σ_c² − (t − μ)²/σ_c⁴)·sigmoid(α_c)}.
 * A large σ_c after training says the student cannot predict teacher channel c ({@link #variances}).
 */
public final class Vid implements TransferTerm {
    /** The variance floor ε (the authors' code). */
    public static final double EPS = 1e-5;

    /** The method as the registry lists it. */
    public static final TransferMethod METHOD = new TransferMethod("vid", "Variational information distillation (VID)",
            "Ahn, Hu, Damianou, Lawrence and Dai, CVPR 2019",
            "\\mathcal{L}_{vid} = \\sum_{pairs}\\mathrm{mean}_{n,c,h,w}\\Big[\\log\\sigma_c + "
                    + "\\frac{(t_{c,h,w} - \\mu_{c,h,w}(s))^2}{2\\sigma_c^2}\\Big],\\quad "
                    + "\\sigma_c^2 = \\mathrm{softplus}(\\alpha_c) + \\epsilon;\\quad \\mathcal{L} = \\mathrm{CE} + \\lambda\\,\\mathcal{L}_{vid}",
            "at each layer pair a regressor predicts the teacher's feature from the student's, with a learned "
                    + "per-channel uncertainty; the student learns to make the teacher's feature predictable",
            List.of(
                    Setting.points("pairs", "layer pairs",
                            "where the teacher's feature is predicted from the student's (the same point on both networks)",
                            List.of("group1", "group2", "group3")),
                    Setting.number("lambda", "λ (VID weight)", "the weight of the VID term (each pair's loss)",
                            1.0, 0, 1e4),
                    Setting.number("init_variance", "initial σ²",
                            "every channel's variance σ_c² at the start (the authors' code: 5)", 5.0, 1e-3, 1e3)),
            List.of(new TransferMethod.Component("vid", "VID", true)),
            List.of("teacher features at the pairs", "student features at the pairs"),
            List.of(TransferMethod.source(Vid.class), TransferMethod.source(HintRegression.class)),
            v -> new Vid(v.points("pairs"), v.number("lambda"), v.number("init_variance")));

    private final List<String> pairs;
    private final double lambda;
    private final double initVariance;
    private final Map<String, Pair> built = new LinkedHashMap<>();

    /** One pair's shapes and parameters. */
    private record Pair(int[] student, int[] teacher, MethodParameter w, MethodParameter b, MethodParameter alpha) {
    }

    public Vid(List<String> pairs, double lambda, double initVariance) {
        this.pairs = List.copyOf(pairs);
        this.lambda = lambda;
        this.initVariance = initVariance;
    }

    @Override
    public String id() {
        return "vid";
    }

    public List<String> pairs() {
        return pairs;
    }

    @Override
    public void validate(ObjectiveContext context) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("vid.lambda must be >= 0, got " + lambda);
        }
        if (!(initVariance > EPS) || Double.isInfinite(initVariance)) {
            throw new IllegalArgumentException("vid.init_variance must be > " + EPS + " (the variance floor), got "
                    + initVariance);
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("vid.pairs: VID needs at least one layer pair");
        }
        built.clear();
        double alpha0 = inverseSoftplus(initVariance - EPS);
        for (String pair : pairs) {
            int[] s = context.studentFeature("vid.pairs", pair);
            int[] t = context.teacherFeature("vid.pairs", pair);
            if (Math.max(s[1], t[1]) % Math.min(s[1], t[1]) != 0 || Math.max(s[2], t[2]) % Math.min(s[2], t[2]) != 0
                    || (s[1] - t[1]) * (s[2] - t[2]) < 0) {
                throw new IllegalArgumentException("vid.pairs: at '" + pair + "' the student's " + s[1] + "x" + s[2]
                        + " and the teacher's " + t[1] + "x" + t[2] + " features cannot be pooled to a common size");
            }
            context.useFeatures(pair, pair);
            double[][] init = HintRegression.initialRegressor(s[0], t[0], context.random());
            double[] alpha = new double[t[0]];
            java.util.Arrays.fill(alpha, alpha0);
            built.put(pair, new Pair(s, t,
                    MethodParameter.of("vid/" + pair + "/W", init[0], t[0], s[0]),
                    MethodParameter.of("vid/" + pair + "/b", init[1], t[0]),
                    MethodParameter.of("vid/" + pair + "/alpha", alpha, t[0])));
        }
    }

    @Override
    public List<MethodParameter> parameters() {
        List<MethodParameter> out = new ArrayList<>();
        for (Pair p : built.values()) {
            out.add(p.w());
            out.add(p.b());
            out.add(p.alpha());
        }
        return out;
    }

    @Override
    public Map<String, Double> componentWeights() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss/vid", lambda);
        pairs.forEach(p -> m.put("loss/vid/" + p, lambda));
        return m;
    }

    @Override
    public List<Component> evaluate(LossInputs in, LossGradients gradients) {
        List<Component> parts = new ArrayList<>();
        double sum = 0;
        for (String pair : pairs) {
            Pair p = built.get(pair);
            if (p == null) {
                throw new IllegalStateException("validate() first: no regressor for pair " + pair);
            }
            LossInputs.Feature s = in.studentTaps().get(pair);
            LossInputs.Feature t = in.teacherTaps().get(pair);
            int h = Math.min(s.height(), t.height());
            int w = Math.min(s.width(), t.width());
            double[] target = HintRegression.pool(t.values(), in.n(), t.channels(), t.height(), t.width(), h, w);
            double[] gw = new double[p.w().value().length];
            double[] gb = new double[p.b().value().length];
            double[] ga = new double[p.alpha().value().length];
            double loss = pair(s, target, t.channels(), h, w, p.w().values(), p.b().values(), p.alpha().values(),
                    lambda, gradients.tap(pair, s.values().length), gw, gb, ga);
            p.w().setGradient(gw);
            p.b().setGradient(gb);
            p.alpha().setGradient(ga);
            parts.add(new Component("loss/vid/" + pair, loss, lambda));
            sum += loss;
        }
        List<Component> out = new ArrayList<>();
        out.add(new Component("loss/vid", sum, lambda));
        out.addAll(parts);
        return out;
    }

    /** Each pair's current σ_c² per teacher channel (softplus(α_c) + ε), for views of what the student can predict. */
    public Map<String, double[]> variances() {
        Map<String, double[]> m = new LinkedHashMap<>();
        built.forEach((pair, p) -> {
            double[] a = p.alpha().values();
            double[] v = new double[a.length];
            for (int c = 0; c < a.length; c++) {
                v[c] = softplus(a[c]) + EPS;
            }
            m.put(pair, v);
        });
        return m;
    }

    /** The file {@link #epochFiles} writes: each pair's σ_c per teacher channel at the end of the latest epoch. */
    public static final String SIGMA_FILE = "vid_sigma.csv";

    /**
     * {@value #SIGMA_FILE}: one row per pair and teacher channel, {@code epoch,pair,channel,sigma,variance}, the
     * state at the end of epoch {@code epoch} (a small σ_c: the student predicts teacher channel c well).
     */
    @Override
    public Map<String, String> epochFiles(int epoch) {
        if (built.isEmpty()) {
            return Map.of();
        }
        StringBuilder b = new StringBuilder("epoch,pair,channel,sigma,variance\n");
        variances().forEach((pair, v) -> {
            for (int c = 0; c < v.length; c++) {
                b.append(epoch).append(',').append(pair).append(',').append(c).append(',')
                        .append((float) Math.sqrt(v[c])).append(',').append((float) v[c]).append('\n');
            }
        });
        return Map.of(SIGMA_FILE, b.toString());
    }

    /**
     * One pair's unweighted loss of the student's feature {@code student} [N, C_s, H, W] against the teacher's
     * (already pooled) feature {@code teacher} [N·ct·h·w], with the regressor ({@code weights} [ct·C_s],
     * {@code bias} [ct]) and the variance parameters {@code alpha} [ct]; adds {@code weight·}∂L/∂(student, W, b, α)
     * into the gradient arrays, each unless it is null.
     */
    public static double pair(LossInputs.Feature student, double[] teacher, int ct, int h, int w, double[] weights,
                              double[] bias, double[] alpha, double weight, double[] gradStudent, double[] gradWeights,
                              double[] gradBias, double[] gradAlpha) {
        int cs = student.channels();
        int bigH = student.height();
        int bigW = student.width();
        int plane = bigH * bigW;
        int n = student.values().length / (cs * plane);
        if (student.values().length != n * cs * plane || teacher.length != n * ct * h * w
                || weights.length != ct * cs || bias.length != ct || alpha.length != ct) {
            throw new IllegalArgumentException("vid: shapes disagree (student " + student.values().length + " values of "
                    + cs + "x" + bigH + "x" + bigW + ", teacher " + teacher.length + " of " + ct + "x" + h + "x" + w
                    + ", W " + weights.length + ", b " + bias.length + ", alpha " + alpha.length + ")");
        }
        if (n == 0) {
            return 0;
        }
        int hw = h * w;
        double[] p = HintRegression.pool(student.values(), n, cs, bigH, bigW, h, w);
        double count = (double) n * ct * hw;
        double[] var = new double[ct];
        for (int o = 0; o < ct; o++) {
            var[o] = softplus(alpha[o]) + EPS;
        }
        double[] mu = HintRegression.regress(p, n, cs, ct, hw, weights, bias);
        double[] e = new double[n * ct * hw]; // ∂L/∂μ
        double[] sq = new double[ct];         // Σ_{n,p} (t − μ)² per channel
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < ct; o++) {
                int to = (s * ct + o) * hw;
                for (int k = 0; k < hw; k++) {
                    double diff = mu[to + k] - teacher[to + k];
                    sq[o] += diff * diff;
                    e[to + k] = diff / (var[o] * count);
                }
            }
        }
        double loss = 0;
        for (int o = 0; o < ct; o++) {
            loss += 0.5 * (n * hw * Math.log(var[o]) + sq[o] / var[o]);
            if (gradAlpha != null) {
                double dVar = 0.5 * (n * hw / var[o] - sq[o] / (var[o] * var[o])) / count;
                gradAlpha[o] += weight * dVar * sigmoid(alpha[o]);
            }
        }
        loss /= count;
        HintRegression.backward(e, p, n, cs, ct, h, w, bigH, bigW, weights, weight, gradStudent, gradWeights, gradBias);
        return loss;
    }

    /** log(1 + eˣ), without overflow. */
    public static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** The α with softplus(α) = y (y > 0). */
    public static double inverseSoftplus(double y) {
        return y > 30 ? y + Math.log(-Math.expm1(-y)) : Math.log(Math.expm1(y));
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
