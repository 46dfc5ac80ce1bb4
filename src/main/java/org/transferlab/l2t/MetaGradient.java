package org.transferlab.l2t;

/**
 * The meta-gradient of L2T-ww's bilevel step, with second-order terms by finite-difference Hessian-vector
 * products (as DARTS computes them). From the target's parameters θ and the meta-parameters φ:
 * <pre>
 *   θ_0 = θ,   θ_{t+1} = θ_t − α ∇θ L_wfm(θ_t, φ)   for t = 0 … T−1     (T transfer steps)
 *   θ_A = θ_T − α ∇θ L_task(θ_T)                                         (one adaptation step)
 *   M(φ) = L_task(θ_A)                                                   (the meta-loss)
 * </pre>
 * Backward through the steps, with v_A = ∇L_task(θ_A):
 * <pre>
 *   v_T = v_A − α H_task(θ_T) v_A
 *   for t = T−1 … 0:   dM/dφ += −α ∇φ ( v_{t+1} · ∇θ L_wfm(θ_t, φ) ),   v_t = v_{t+1} − α H_wfm(θ_t) v_{t+1}
 * </pre>
 * Each Hessian-vector product is a central difference of gradients, {@code H v ≈ (g(θ + εv) − g(θ − εv)) / 2ε},
 * and each mixed term likewise, {@code ∇φ(v·∇θ L) ≈ (∇φ L(θ + εv) − ∇φ L(θ − εv)) / 2ε}, with
 * {@code ε = 0.01 / ‖v‖}: exact up to O(ε²) terms, at two extra gradient evaluations per product instead of a
 * second-order backward pass the engine's layers do not have.
 */
public final class MetaGradient {
    /** DARTS's step for the difference quotients, divided by ‖v‖. */
    public static final double EPSILON = 0.01;

    private MetaGradient() {
    }

    /** What the bilevel step needs of the target and the transfer loss, on flattened θ and φ. */
    public interface Problem {
        /** ∇θ L_wfm(θ, φ) at the current φ. */
        double[] transferGradientTheta(double[] theta);

        /** ∇φ L_wfm(θ, φ). */
        double[] transferGradientPhi(double[] theta);

        /** ∇θ L_task(θ). */
        double[] taskGradient(double[] theta);

        /** L_task(θ). */
        double taskLoss(double[] theta);
    }

    /** The meta-loss M(φ) at the problem's current φ (for checks by differences). */
    public static double metaLoss(Problem p, double[] theta, int steps, double alpha) {
        double[] th = theta.clone();
        for (int t = 0; t < steps; t++) {
            axpy(-alpha, p.transferGradientTheta(th), th);
        }
        axpy(-alpha, p.taskGradient(th), th);
        return p.taskLoss(th);
    }

    /** dM/dφ; throws {@link ArithmeticException} naming the term when one turns NaN or infinite. */
    public static double[] metaGradient(Problem p, double[] theta, int steps, double alpha) {
        double[][] path = new double[steps + 1][];
        path[0] = theta.clone();
        for (int t = 0; t < steps; t++) {
            path[t + 1] = path[t].clone();
            axpy(-alpha, p.transferGradientTheta(path[t]), path[t + 1]);
        }
        double[] adapted = path[steps].clone();
        axpy(-alpha, p.taskGradient(path[steps]), adapted);
        double[] v = finite(p.taskGradient(adapted), "the meta-loss gradient at the adapted parameters");
        v = minus(v, alpha, hessianVector(p::taskGradient, path[steps], v), "the task loss's Hessian-vector product");
        double[] phi = null;
        for (int t = steps - 1; t >= 0; t--) {
            double[] mixed = mixed(p, path[t], v);
            if (phi == null) {
                phi = new double[mixed.length];
            }
            axpy(-alpha, finite(mixed, "the transfer loss's mixed second derivative (θ, φ)"), phi);
            if (t > 0) {
                v = minus(v, alpha, hessianVector(p::transferGradientTheta, path[t], v),
                        "the transfer loss's Hessian-vector product");
            }
        }
        return phi == null ? new double[0] : phi;
    }

    /** H(θ) v by a central difference of {@code gradient}. */
    static double[] hessianVector(java.util.function.Function<double[], double[]> gradient, double[] theta, double[] v) {
        double e = step(v);
        if (e == 0) {
            return new double[theta.length];
        }
        double[] plus = theta.clone();
        double[] minus = theta.clone();
        axpy(e, v, plus);
        axpy(-e, v, minus);
        double[] gp = gradient.apply(plus);
        double[] gm = gradient.apply(minus);
        double[] out = new double[theta.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = (gp[k] - gm[k]) / (2 * e);
        }
        return out;
    }

    /** ∇φ (v · ∇θ L_wfm(θ, φ)) by a central difference of ∇φ L_wfm along v. */
    static double[] mixed(Problem p, double[] theta, double[] v) {
        double e = step(v);
        double[] plus = theta.clone();
        double[] minus = theta.clone();
        axpy(e, v, plus);
        axpy(-e, v, minus);
        double[] gp = p.transferGradientPhi(plus);
        double[] gm = p.transferGradientPhi(minus);
        double[] out = new double[gp.length];
        if (e == 0) {
            return out;
        }
        for (int k = 0; k < out.length; k++) {
            out[k] = (gp[k] - gm[k]) / (2 * e);
        }
        return out;
    }

    private static double step(double[] v) {
        double n = 0;
        for (double x : v) {
            n += x * x;
        }
        return n == 0 ? 0 : EPSILON / Math.sqrt(n);
    }

    private static double[] minus(double[] v, double alpha, double[] hv, String term) {
        finite(hv, term);
        double[] out = v.clone();
        axpy(-alpha, hv, out);
        return out;
    }

    private static double[] finite(double[] x, String term) {
        for (double d : x) {
            if (!Double.isFinite(d)) {
                throw new ArithmeticException("the meta-gradient turned NaN or infinite in " + term
                        + "; lower the lookahead's step α (--inner-lr), the transfer steps T (--inner-steps) or the "
                        + "meta learning rate");
            }
        }
        return x;
    }

    static void axpy(double a, double[] x, double[] y) {
        for (int k = 0; k < y.length; k++) {
            y[k] += a * x[k];
        }
    }
}
