package org.transferlab.transfer;

/**
 * Relational knowledge distillation (Park, Kim, Lu and Cho, CVPR 2019): the student matches the teacher's
 * <em>relations</em> between the samples of a batch, not the samples' outputs, so the two embeddings may
 * have different dimensions. Embeddings are row-major: student s [N·d_s], teacher t [N·d_t]; the teacher
 * gets no gradient. As in the authors' code (RkdDistance, RKdAngle, pdist):
 * <pre>
 *   distance (RKD-D):
 *     d_ij  = √max(‖x_i − x_j‖², 1e-12)  for i ≠ j,   d_ii = 0
 *     μ     = mean of the N(N−1) off-diagonal d_ij     (the mean of the positive entries)
 *     ψ_D(i,j) = d_ij / μ
 *     L_D   = (1/N²)  Σ_{i,j}   huber(ψ_D^s(i,j)   − ψ_D^t(i,j))
 *   angle (RKD-A), vertex j:
 *     e_ij  = (x_i − x_j) / max(‖x_i − x_j‖, 1e-12)   (F.normalize; e_jj = 0)
 *     ψ_A(i,j,k) = ⟨e_ij, e_kj⟩
 *     L_A   = (1/N³)  Σ_{i,j,k} huber(ψ_A^s(i,j,k) − ψ_A^t(i,j,k))
 *   huber(x) = ½x² if |x| &lt; 1, else |x| − ½        (smooth L1, δ = 1)
 * </pre>
 * The paper weights them λ_D = 25 and λ_A = 50. Both losses are invariant to scaling the embeddings (μ,
 * the normalisation) and to translating them (only differences enter).
 *
 * <p>The angle term is computed through the Gram matrix G = X·Xᵀ of the centred embeddings, so the N³
 * triplet loop does no work along the embedding dimension:
 * {@code ⟨x_i − x_j, x_k − x_j⟩ = G_ik − G_ij − G_jk + G_jj}; its backward pass collects ∂L/∂G (the
 * norms ‖x_i − x_j‖² = G_ii + G_jj − 2G_ij included) and returns {@code ∂L/∂X = (∂L/∂G + ∂L/∂Gᵀ)·X}.
 * The pairwise distances themselves are computed from the differences, so identical samples give exactly 0.
 *
 * <p>As a transfer term: {@code L = CE + λ_D·L_D + λ_A·L_A} on the embeddings (after global pooling; any
 * feature point, flattened, can be chosen), defaults λ_D = 25, λ_A = 50 as in the paper.
 *
 * <p>Degenerate cases: a pair of identical samples (distance below 1e-12) has a zero direction e_ij, as in
 * the reference's forward pass, and passes no gradient (the reference's F.normalize would pass the
 * gradient times 10¹²); a clamped distance passes no gradient, as in the reference. Fewer than two samples
 * have no distances: L_D is then 0 (the reference gives NaN).
 */
public final class RelationalKd implements TransferTerm {
    /** The method as the registry lists it. */
    public static final TransferMethod METHOD = new TransferMethod("rkd", "Relational KD (RKD)",
            "Park, Kim, Lu and Cho, CVPR 2019",
            "\\mathcal{L}_{rkd} = \\lambda_D \\frac{1}{N^2}\\sum_{i,j} h\\big(\\psi_D^s(i,j) - \\psi_D^t(i,j)\\big)"
                    + " + \\lambda_A \\frac{1}{N^3}\\sum_{i,j,k} h\\big(\\psi_A^s(i,j,k) - \\psi_A^t(i,j,k)\\big),"
                    + "\\quad \\psi_D(i,j) = \\frac{\\|x_i - x_j\\|}{\\mu},\\ \\psi_A(i,j,k) = \\langle e_{ij}, e_{kj} \\rangle",
            "the student matches the distances and angles between the samples of a batch in the teacher's "
                    + "embedding, not the samples' outputs",
            java.util.List.of(
                    Setting.number("distance_weight", "λ_D (distance)", "weight of the distance term (paper: 25)",
                            25.0, 0, 1e4),
                    Setting.number("angle_weight", "λ_A (angle)", "weight of the angle term (paper: 50)", 50.0, 0, 1e4),
                    Setting.studentPoint("student_point", "student point",
                            "the student's feature whose relations are compared (flattened)", "embedding"),
                    Setting.teacherPoint("teacher_point", "teacher point",
                            "the teacher's feature whose relations are matched (flattened)", "embedding")),
            java.util.List.of(new TransferMethod.Component("rkd", "RKD", true),
                    new TransferMethod.Component("rkd/distance", "RKD distance", false),
                    new TransferMethod.Component("rkd/angle", "RKD angle", false)),
            java.util.List.of("teacher embedding (after global pooling)", "student embedding"),
            java.util.List.of(TransferMethod.source(RelationalKd.class)),
            v -> new RelationalKd(v.number("distance_weight"), v.number("angle_weight"), v.text("student_point"),
                    v.text("teacher_point")));

    /** pdist's clamp on squared distances and F.normalize's floor on norms. */
    private static final double EPS = 1e-12;

    private final double distanceWeight;
    private final double angleWeight;
    private final String studentPoint;
    private final String teacherPoint;

    /** The term with the paper's weights λ_D = 25, λ_A = 50 on the embeddings: {@code new RelationalKd(25, 50, ...)}. */
    public RelationalKd(double distanceWeight, double angleWeight, String studentPoint, String teacherPoint) {
        this.distanceWeight = distanceWeight;
        this.angleWeight = angleWeight;
        this.studentPoint = studentPoint;
        this.teacherPoint = teacherPoint;
    }

    @Override
    public String id() {
        return "rkd";
    }

    @Override
    public void validate(ObjectiveContext context) {
        if (!(distanceWeight >= 0) || !(angleWeight >= 0) || Double.isInfinite(distanceWeight + angleWeight)) {
            throw new IllegalArgumentException("rkd: the weights must be >= 0, got distance " + distanceWeight
                    + " and angle " + angleWeight);
        }
        context.studentFeature("rkd.student_point", studentPoint);
        context.teacherFeature("rkd.teacher_point", teacherPoint);
        context.useFeatures(studentPoint, teacherPoint);
    }

    @Override
    public java.util.Map<String, Double> componentWeights() {
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("loss/rkd", 1.0);
        m.put("loss/rkd/distance", distanceWeight);
        m.put("loss/rkd/angle", angleWeight);
        return m;
    }

    @Override
    public java.util.List<Component> evaluate(LossInputs in, LossGradients gradients) {
        LossInputs.Feature s = in.studentTaps().get(studentPoint);
        LossInputs.Feature t = in.teacherTaps().get(teacherPoint);
        int n = in.n();
        int ds = s.values().length / n;
        int dt = t.values().length / n;
        double[] grad = gradients.tap(studentPoint, s.values().length);
        double d = distance(s.values(), ds, t.values(), dt, n, distanceWeight, grad);
        double a = angle(s.values(), ds, t.values(), dt, n, angleWeight, grad);
        return java.util.List.of(new Component("loss/rkd", distanceWeight * d + angleWeight * a, 1.0),
                new Component("loss/rkd/distance", d, distanceWeight), new Component("loss/rkd/angle", a, angleWeight));
    }

    /**
     * The unweighted RKD distance loss L_D between student {@code s} [n·ds] and teacher {@code t} [n·dt];
     * adds {@code weight·∂L_D/∂s} into {@code gradS} [n·ds] unless it is null.
     */
    public static double distance(double[] s, int ds, double[] t, int dt, int n, double weight, double[] gradS) {
        check(s, ds, t, dt, n, gradS);
        if (n < 2) {
            return 0;
        }
        double[] dS = distances(s, ds, n);
        double[] dT = distances(t, dt, n);
        double muS = offDiagonalMean(dS, n);
        double muT = offDiagonalMean(dT, n);
        double loss = 0;
        double[] g = gradS == null ? null : new double[n * n]; // ∂L/∂ψ_D^s
        double nn = (double) n * n;
        for (int k = 0; k < n * n; k++) {
            double diff = dS[k] / muS - dT[k] / muT;
            loss += huber(diff);
            if (g != null) {
                g[k] = huberGrad(diff) / nn;
            }
        }
        loss /= nn;
        if (gradS != null) {
            // ψ = d/μ: ∂L/∂d_ij = g_ij/μ − (Σ_kl g_kl d_kl)/(μ²·N(N−1)) for i ≠ j
            double dot = 0;
            for (int k = 0; k < n * n; k++) {
                dot += g[k] * dS[k];
            }
            double viaMean = dot / (muS * muS * n * (n - 1.0));
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double sq = squaredDistance(s, ds, i, j);
                    if (sq < EPS) {
                        continue; // clamped: no gradient through the distance
                    }
                    double dd = (g[i * n + j] + g[j * n + i]) / muS - 2 * viaMean;
                    double f = weight * dd / dS[i * n + j];
                    for (int c = 0; c < ds; c++) {
                        double v = f * (s[i * ds + c] - s[j * ds + c]);
                        gradS[i * ds + c] += v;
                        gradS[j * ds + c] -= v;
                    }
                }
            }
        }
        return loss;
    }

    /** The normalised distance matrix ψ_D [n·n] of embeddings {@code x} [n·d] (zeros if n &lt; 2). */
    public static double[] distanceMatrix(double[] x, int d, int n) {
        if (d < 1 || n < 0 || x.length != n * d) {
            throw new IllegalArgumentException("RKD: embeddings of " + x.length + " values are not " + n + "x" + d);
        }
        double[] dist = distances(x, d, n);
        if (n < 2) {
            return dist;
        }
        double mu = offDiagonalMean(dist, n);
        for (int k = 0; k < dist.length; k++) {
            dist[k] /= mu;
        }
        return dist;
    }

    /**
     * The unweighted RKD angle loss L_A between student {@code s} [n·ds] and teacher {@code t} [n·dt];
     * adds {@code weight·∂L_A/∂s} into {@code gradS} [n·ds] unless it is null.
     */
    public static double angle(double[] s, int ds, double[] t, int dt, int n, double weight, double[] gradS) {
        check(s, ds, t, dt, n, gradS);
        if (n == 0) {
            return 0;
        }
        double[] xs = centred(s, ds, n);
        double[] xt = centred(t, dt, n);
        double[] gs = gram(xs, ds, n);
        double[] gt = gram(xt, dt, n);
        double[] rs = new double[n * n];
        double[] us = inverseNorms(xs, ds, n, rs); // 1/‖s_i − s_j‖, 0 for identical samples
        double[] ut = inverseNorms(xt, dt, n, null);
        boolean grad = gradS != null;
        double[] dG = grad ? new double[n * n] : null; // ∂L/∂G (not symmetrised)
        double[] dR = grad ? new double[n * n] : null; // ∂L/∂‖x_a − x_b‖, one entry per (vertex, arm)
        double[] rowSum = new double[n]; // Σ_k ∂L/∂⟨x_i − x_j, x_k − x_j⟩ for the current vertex j
        double[] arm = new double[n];    // Σ_k ∂L/∂ψ(i,j,k) · ⟨x_i − x_j, x_k − x_j⟩ · u_k
        double inv = 1.0 / ((double) n * n * n);
        double loss = 0;
        // ψ(i,j,k) = ψ(k,j,i): only k ≥ i is visited, the pairs k > i count twice
        for (int j = 0; j < n; j++) {
            int rj = j * n;
            double gsjj = gs[rj + j];
            double gtjj = gt[rj + j];
            if (grad) {
                java.util.Arrays.fill(rowSum, 0);
                java.util.Arrays.fill(arm, 0);
            }
            for (int i = 0; i < n; i++) {
                int ri = i * n;
                double usi = us[rj + i];
                double uti = ut[rj + i];
                double bs = gsjj - gs[ri + j];
                double bt = gtjj - gt[ri + j];
                // k = i: ψ = ‖x_i − x_j‖²·u_i² (1, or 0 when i = j)
                double csii = gs[ri + i] - gs[rj + i] + bs;
                double aii = csii * usi * usi - (gt[ri + i] - gt[rj + i] + bt) * uti * uti;
                loss += huber(aii);
                double rowI = 0;
                double armI = 0;
                if (grad) {
                    double h = huberGrad(aii) * inv;
                    double w = h * usi * usi;
                    dG[ri + i] += w;
                    rowI = w;
                    armI = h * csii * usi;
                }
                double pairs = 0;
                for (int k = i + 1; k < n; k++) {
                    // ⟨x_i − x_j, x_k − x_j⟩ = G_ik − G_ij − G_jk + G_jj
                    double cs = gs[ri + k] - gs[rj + k] + bs;
                    double ct = gt[ri + k] - gt[rj + k] + bt;
                    double usk = us[rj + k];
                    double a = cs * usi * usk - ct * uti * ut[rj + k];
                    double abs = Math.abs(a);
                    double m = Math.min(abs, 1.0);
                    pairs += m * (abs - 0.5 * m); // huber, without a branch
                    if (grad) {
                        double h = Math.max(-1.0, Math.min(1.0, a)) * inv; // ∂L/∂ψ(i,j,k), the same for (k,j,i)
                        double w = h * usi * usk; // ∂L/∂⟨x_i − x_j, x_k − x_j⟩
                        dG[ri + k] += 2 * w; // G_ik and G_ki: only dG + dGᵀ is used
                        rowI += w;
                        rowSum[k] += w;
                        double hc = h * cs;
                        armI += hc * usk;
                        arm[k] += hc * usi;
                    }
                }
                loss += 2 * pairs;
                if (grad) {
                    rowSum[i] += rowI;
                    arm[i] += armI;
                }
            }
            if (grad) {
                // each ⟨x_i − x_j, x_k − x_j⟩ holds −G_ij − G_jk + G_jj; ψ = c·u_i·u_k with u_i = 1/‖x_i − x_j‖,
                // so ∂ψ/∂‖x_i − x_j‖ = −c·u_i²·u_k, once as the arm i and once as the arm k
                double all = 0;
                for (int i = 0; i < n; i++) {
                    all += rowSum[i];
                    dG[i * n + j] -= rowSum[i];
                    dG[rj + i] -= rowSum[i];
                    double u = us[rj + i];
                    dR[rj + i] -= 2 * arm[i] * u * u;
                }
                dG[rj + j] += all;
            }
        }
        loss *= inv;
        if (grad) {
            gramBackward(xs, ds, n, us, rs, dG, dR, weight, gradS);
        }
        return loss;
    }

    /** Adds weight·∂L/∂X given ∂L/∂G and ∂L/∂‖x_a − x_b‖ (ordered entries), through G = X·Xᵀ. */
    private static void gramBackward(double[] x, int d, int n, double[] u, double[] r, double[] dG, double[] dR,
                                     double weight, double[] gradX) {
        // ‖x_a − x_b‖ = √(G_aa + G_bb − G_ab − G_ba): ∂/∂G_aa = ∂/∂G_bb = 1/(2r), ∂/∂G_ab = ∂/∂G_ba = −1/(2r)
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                int ab = a * n + b;
                if (u[ab] == 0) {
                    continue;
                }
                double q = dR[ab] / (2 * r[ab]);
                dG[a * n + a] += q;
                dG[b * n + b] += q;
                dG[ab] -= q;
                dG[b * n + a] -= q;
            }
        }
        double[] gx = new double[n * d];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double f = dG[a * n + b] + dG[b * n + a];
                if (f == 0) {
                    continue;
                }
                for (int c = 0; c < d; c++) {
                    gx[a * d + c] += f * x[b * d + c];
                }
            }
        }
        // X was centred: ∂L/∂X = (I − 11ᵀ/N)·∂L/∂X_c (zero column sums; exact up to rounding already)
        for (int c = 0; c < d; c++) {
            double mean = 0;
            for (int a = 0; a < n; a++) {
                mean += gx[a * d + c];
            }
            mean /= n;
            for (int a = 0; a < n; a++) {
                gradX[a * d + c] += weight * (gx[a * d + c] - mean);
            }
        }
    }

    private static void check(double[] s, int ds, double[] t, int dt, int n, double[] gradS) {
        if (ds < 1 || dt < 1 || n < 0) {
            throw new IllegalArgumentException("RKD: dimensions must be positive, got ds=" + ds + ", dt=" + dt
                    + ", n=" + n);
        }
        if (s.length != n * ds || t.length != n * dt) {
            throw new IllegalArgumentException("RKD: expected a student of " + n + "x" + ds + " and a teacher of "
                    + n + "x" + dt + " values, got " + s.length + " and " + t.length);
        }
        if (gradS != null && gradS.length != s.length) {
            throw new IllegalArgumentException("RKD: the gradient has " + gradS.length + " values, the student "
                    + s.length);
        }
    }

    private static double huber(double x) {
        double abs = Math.abs(x);
        return abs < 1 ? 0.5 * x * x : abs - 0.5;
    }

    private static double huberGrad(double x) {
        return Math.max(-1.0, Math.min(1.0, x));
    }

    private static double squaredDistance(double[] x, int d, int i, int j) {
        double sq = 0;
        for (int c = 0; c < d; c++) {
            double v = x[i * d + c] - x[j * d + c];
            sq += v * v;
        }
        return sq;
    }

    /** pdist: √max(‖x_i − x_j‖², 1e-12) off the diagonal, 0 on it. */
    private static double[] distances(double[] x, int d, int n) {
        double[] dist = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = Math.sqrt(Math.max(squaredDistance(x, d, i, j), EPS));
                dist[i * n + j] = v;
                dist[j * n + i] = v;
            }
        }
        return dist;
    }

    private static double offDiagonalMean(double[] dist, int n) {
        double sum = 0;
        for (double v : dist) {
            sum += v;
        }
        return sum / (n * (n - 1.0));
    }

    /** The rows of x minus their mean (the angles do not change; G's entries get smaller). */
    private static double[] centred(double[] x, int d, int n) {
        double[] y = x.clone();
        for (int c = 0; c < d; c++) {
            double mean = 0;
            for (int a = 0; a < n; a++) {
                mean += x[a * d + c];
            }
            mean /= n;
            for (int a = 0; a < n; a++) {
                y[a * d + c] -= mean;
            }
        }
        return y;
    }

    private static double[] gram(double[] x, int d, int n) {
        double[] g = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                double dot = 0;
                for (int c = 0; c < d; c++) {
                    dot += x[a * d + c] * x[b * d + c];
                }
                g[a * n + b] = dot;
                g[b * n + a] = dot;
            }
        }
        return g;
    }

    /**
     * 1/‖x_a − x_b‖ [n·n], 0 where the distance is below 1e-12 (the diagonal, identical samples); writes the
     * distances into {@code norms} when it is not null.
     */
    private static double[] inverseNorms(double[] x, int d, int n, double[] norms) {
        double[] u = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double r = Math.sqrt(squaredDistance(x, d, a, b));
                double v = r < EPS ? 0 : 1 / r;
                u[a * n + b] = v;
                u[b * n + a] = v;
                if (norms != null) {
                    norms[a * n + b] = r;
                    norms[b * n + a] = r;
                }
            }
        }
        return u;
    }
}
