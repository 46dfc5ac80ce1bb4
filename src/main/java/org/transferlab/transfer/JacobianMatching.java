package org.transferlab.transfer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jacobian matching (Srinivas and Fleuret, "Knowledge Transfer with Jacobian Matching", ICML 2018): the student
 * matches the direction of the teacher's gradient with respect to the input image. For image n and a scalar f of
 * the network (see {@code of}), with a = ∇_x f_S(x_n) and b = ∇_x f_T(x_n):
 * <pre>
 *   L_jac = (1/N) Σ_n ‖ a/‖a‖₂ − b/‖b‖₂ ‖₂²,        L = CE + λ·L_jac
 * </pre>
 * The paper motivates the squared form: matching Jacobians to first order is distillation with noise added to the
 * inputs, whose expected loss holds the squared difference of the Jacobians; both are normalised (their scales
 * differ between networks). f is ({@code of=logit}) the logit of the image's label, for student and teacher, or
 * ({@code of=attention}) the attention map's largest value at a feature point, as in the lecture's experiment:
 * Q[k] = Σ_c A_c[k]² at the location k where it is largest (chosen separately for each network and held fixed
 * while differentiating; the map is not normalised, since the normalised Jacobian does not depend on its scale).
 *
 * <p>The gradient with respect to the Jacobian, v_n = (λ/N)·(2/‖a‖)·(â(â·b̂) − b̂), makes the parameter gradient
 * second order: ∇_θ (v · ∇_X S(X; θ)), S = Σ_n f_S(x_n). It is a directional derivative of ∇_θ S along v, computed
 * by a central difference of two more training passes on X ± h·v ({@link StudentAccess#addDirectionalGradient};
 * the shift's root-mean-square norm per image is {@code epsilon}). In a training pass batch statistics couple the
 * images, so a = ∇_{x_n} Σ_m f_S(x_m) — what automatic differentiation of the batch gives too. The teacher is
 * frozen and evaluated in evaluation mode: its gradients are computed once per training image.
 */
public final class JacobianMatching implements TransferTerm {
    public static final String ID = "jacobian";

    /** The method as the registry lists it. */
    public static final TransferMethod METHOD = new TransferMethod(ID, "Jacobian matching",
            "Srinivas and Fleuret, ICML 2018",
            "\\mathcal{L}_{jac} = \\frac{1}{N}\\sum_n \\Big\\| \\frac{\\nabla_x f_S(x_n)}{\\|\\nabla_x f_S(x_n)\\|_2} - "
                    + "\\frac{\\nabla_x f_T(x_n)}{\\|\\nabla_x f_T(x_n)\\|_2} \\Big\\|_2^2,\\quad "
                    + "\\mathcal{L} = \\mathrm{CE} + \\lambda\\,\\mathcal{L}_{jac}",
            "the student's gradient with respect to the input image (of its label's logit, or of its attention map's "
                    + "peak) is made to point where the teacher's does; trained with second-order gradients",
            List.of(
                    Setting.number("lambda", "λ (Jacobian weight)", "the weight of the Jacobian term", 1.0, 0, 1e4),
                    Setting.choice("of", "Jacobian of",
                            "logit: the logit of the image's label; attention: the attention map's largest value "
                                    + "at the point below", "logit", List.of("logit", "attention")),
                    Setting.studentPoint("point", "attention point",
                            "where the attention map is taken when of = attention (the same point on both networks)",
                            "group1"),
                    Setting.number("epsilon", "finite-difference step",
                            "the size (root-mean-square per image, in pixel units) of the input shift of the "
                                    + "second-order gradient's central difference", 0.01, 1e-6, 10)),
            List.of(new TransferMethod.Component(ID, "Jacobian", true)),
            List.of("teacher input gradients (once per training image)",
                    "student input gradients and two extra passes per step"),
            List.of(TransferMethod.source(JacobianMatching.class), TransferMethod.source(StudentAccess.class)),
            v -> new JacobianMatching(v.number("lambda"), Of.parse(v.text("of")), v.text("point"), v.number("epsilon")));

    /** What is differentiated with respect to the input. */
    public enum Of {
        LOGIT, ATTENTION;

        public static Of parse(String s) {
            for (Of o : values()) {
                if (o.name().equalsIgnoreCase(s)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("jacobian.of must be logit or attention, got '" + s + "'");
        }
    }

    private final double lambda;
    private final Of of;
    private final String point;
    private final double epsilon;

    public JacobianMatching(double lambda, Of of, String point, double epsilon) {
        this.lambda = lambda;
        this.of = of;
        this.point = point;
        this.epsilon = epsilon;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void validate(ObjectiveContext context) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("jacobian.lambda must be >= 0, got " + lambda);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("jacobian.epsilon must be > 0 (the finite-difference step), got " + epsilon);
        }
        if (of == Of.ATTENTION) {
            int[] s = context.studentFeature("jacobian.point", point);
            int[] t = context.teacherFeature("jacobian.point", point);
            if (s[1] * s[2] < 2 || t[1] * t[2] < 2) {
                throw new IllegalArgumentException("jacobian.point: '" + point + "' has no spatial map (1x1); "
                        + "choose an attention point");
            }
            context.useInputGradients(attentionSeed(point, null), Set.of(point), Set.of(point));
        } else {
            context.useInputGradients(JacobianMatching::logitSeed, Set.of(), Set.of());
        }
    }

    @Override
    public Map<String, Double> componentWeights() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss/" + ID, lambda);
        return m;
    }

    @Override
    public List<Component> evaluate(LossInputs in, LossGradients gradients) {
        StudentAccess student = in.student();
        if (student == null || in.teacherInputGradients() == null) {
            throw new IllegalStateException("jacobian needs the engine's student passes and the teacher's input "
                    + "gradients (declared in validate)");
        }
        StudentAccess.Seed seed = of == Of.LOGIT ? JacobianMatching::logitSeed
                : attentionSeed(point, peaks(in.studentTaps().get(point)));
        double[] js = student.inputGradient(seed);
        double[] v = new double[js.length];
        double loss = loss(js, in.teacherInputGradients(), in.n(), lambda, v);
        if (lambda != 0) {
            student.addDirectionalGradient(ID, seed, v, epsilon);
        }
        return List.of(new Component("loss/" + ID, loss, lambda));
    }

    /**
     * The unweighted loss (1/N) Σ_n ‖â_n − b̂_n‖² of the student's input gradients {@code a} against the teacher's
     * {@code b} (each [N·P]); writes {@code weight·}∂loss/∂a into {@code gradA} (null: not wanted). An image whose
     * gradient is zero has no direction: its â is taken as 0 (loss 1 if the teacher's is not zero) with no gradient.
     */
    public static double loss(double[] a, double[] b, int n, double weight, double[] gradA) {
        if (a.length != b.length || n <= 0 || a.length % n != 0) {
            throw new IllegalArgumentException("jacobian: " + a.length + " student and " + b.length
                    + " teacher gradient values for " + n + " images");
        }
        int p = a.length / n;
        double total = 0;
        for (int i = 0; i < n; i++) {
            int o = i * p;
            double na = norm(a, o, p);
            double nb = norm(b, o, p);
            double ab = 0;
            for (int k = 0; k < p; k++) {
                double ah = na > 0 ? a[o + k] / na : 0;
                double bh = nb > 0 ? b[o + k] / nb : 0;
                double d = ah - bh;
                total += d * d;
                ab += ah * bh;
            }
            if (gradA != null && na > 0) {
                double c = weight * 2 / (n * na);
                for (int k = 0; k < p; k++) {
                    double ah = a[o + k] / na;
                    double bh = nb > 0 ? b[o + k] / nb : 0;
                    gradA[o + k] += c * (ah * ab - bh);
                }
            }
        }
        return total / n;
    }

    private static double norm(double[] x, int from, int len) {
        double s = 0;
        for (int k = from; k < from + len; k++) {
            s += x[k] * x[k];
        }
        return Math.sqrt(s);
    }

    /** S = Σ_n logit of image n's label. */
    static void logitSeed(StudentAccess.Outputs out, int[] labels, LossGradients into) {
        for (int i = 0; i < out.n(); i++) {
            into.logits()[i * out.classes() + labels[i]] = 1;
        }
    }

    /**
     * S = Σ_n Q_n[k_n], Q[k] = Σ_c A_c[k]² of the feature at {@code point}, k_n the given locations, or (null) each
     * map's largest.
     */
    static StudentAccess.Seed attentionSeed(String point, int[] fixedPeaks) {
        return (out, labels, into) -> {
            LossInputs.Feature f = out.taps().get(point);
            int[] peaks = fixedPeaks != null ? fixedPeaks : peaks(f);
            double[] g = into.tap(point, f.values().length);
            int c = f.channels();
            int hw = f.height() * f.width();
            for (int i = 0; i < out.n(); i++) {
                for (int ch = 0; ch < c; ch++) {
                    int k = (i * c + ch) * hw + peaks[i];
                    g[k] += 2 * f.values()[k];
                }
            }
        };
    }

    /** Each image's location of the largest Σ_c A_c² in feature {@code f}. */
    static int[] peaks(LossInputs.Feature f) {
        int c = f.channels();
        int hw = f.height() * f.width();
        int n = f.values().length / (c * hw);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            double best = -1;
            for (int k = 0; k < hw; k++) {
                double q = 0;
                for (int ch = 0; ch < c; ch++) {
                    double a = f.values()[(i * c + ch) * hw + k];
                    q += a * a;
                }
                if (q > best) {
                    best = q;
                    out[i] = k;
                }
            }
        }
        return out;
    }
}
