package org.transferlab.transfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Contrastive representation distillation (Tian, Krishnan and Isola, ICLR 2020): the student's and the teacher's
 * embeddings of the same image should be recognisably "a pair" among pairs made with other images. Two linear
 * heads map each network's feature f to a common dimension d, and the result is L2-normalised:
 * <pre>
 *   s_b = g_S(f_S,b) / ‖g_S(f_S,b)‖,   t_b = g_T(f_T,b) / ‖g_T(f_T,b)‖,   g(f) = W·f + b
 * </pre>
 * A critic tells the positive pair (the same image) from N negative pairs (other images), trained as a binary
 * classifier with noise-contrastive estimation (NCE), negatives drawn uniformly from the M training images:
 * <pre>
 *   x(a, k) = exp(a·k / τ) / Z            h(x) = x / (x + N/M)
 *   ℓ(a)    = −log h(x(a, k⁺)) − Σ_{j=1..N} log(1 − h(x(a, k_j⁻)))
 *   L_crd   = (1/B) Σ_b [ ℓ(s_b against teacher keys) + ℓ(t_b against student keys) ],    L = CE + β·L_crd
 * </pre>
 * This is the paper's loss (maximising E_pos[log h] + N·E_neg[log(1 − h)], a lower bound on the mutual information
 * between the two embeddings), in the form the authors' code uses by default (their {@code ContrastLoss}, the NCE
 * loss, not their softmax/InfoNCE alternative): both directions are contrasted and summed, and the exponentials are
 * divided by a constant Z fixed on the first batch, {@code Z = mean(exp(a·k/τ))·M} over that batch's positive and
 * negative pairs (separately for each direction), so that x starts near the uniform 1/M; Z gets no gradient.
 * The small ε the code adds to the denominators is left out: here log h and log(1 − h) are computed as
 * −softplus(±(log x − log(N/M))), which never divides by zero.
 *
 * <p>Where the keys and negatives come from ({@code crd.negatives_from}):
 * <ul>
 *   <li>{@code memory} (the paper): two memory banks hold one unit vector per training image, the student's
 *   embeddings and the teacher's. A student anchor s_b is contrasted with the teacher bank's entry of its own image
 *   (k⁺) and of N other images drawn uniformly at random, with replacement, from the M − 1 others (the authors' code
 *   draws them from images of other classes); a teacher anchor t_b the same way with the student bank. The banks
 *   give no gradient; after the batch each image's entries move towards its new embeddings with momentum m and are
 *   renormalised, {@code v ← (m·v + (1 − m)·e) / ‖m·v + (1 − m)·e‖} (code: m = 0.5). The banks start as random unit
 *   vectors (the code's start is random too, uniform in ±√(3/d), not normalised).</li>
 *   <li>{@code batch}: no bank. The keys are the other network's embeddings of the batch itself, the positive being
 *   the same image and the B − 1 other images the negatives (N = B − 1, M as above); gradients then reach both heads
 *   through anchors and keys. Cheaper and simpler, but N is bounded by the batch size.</li>
 * </ul>
 *
 * <p>Scale: the paper uses d = 128, N = 16 384 of M = 50 000 CIFAR images (N/M ≈ 0.33), τ = 0.07 and β = 0.8 in
 * its run scripts for CRD alone and with KD. Here d defaults to 32, the width of cnn-small's embedding, and N to 256:
 * the embedded data has M = 1 000 training images (256/1 000 ≈ 0.26, close to the paper's ratio), and N must stay
 * below M. β = 0.8 and τ = 0.07 as in the paper.
 *
 * <p>Gradients, with a = u/τ − log Z for a dot product u of anchor and key, c = N/M:
 * {@code ∂ℓ/∂u⁺ = −(1 − h⁺)/τ}, {@code ∂ℓ/∂u_j⁻ = h_j/τ}; through the normalisation s = z/‖z‖,
 * {@code ∂/∂z = (∂/∂s − s·(s·∂/∂s)) / ‖z‖}; through the head z = W·f + b, {@code ∂W = ∂z·fᵀ}, {@code ∂b = ∂z},
 * {@code ∂f = Wᵀ·∂z}. The heads' W and b are trained by the run's optimiser and checkpointed
 * ({@link MethodParameter}); the banks, Z and the count of batches drawn (which seeds each batch's negatives) are
 * {@link TransferTerm#buffers}, checkpointed and restored but not trained, so a resumed run continues exactly.
 */
public final class Crd implements TransferTerm {
    /** Where the negatives come from. */
    public static final String MEMORY = "memory";
    public static final String BATCH = "batch";

    /** The method as the registry lists it. */
    public static final TransferMethod METHOD = new TransferMethod("crd", "Contrastive representation distillation (CRD)",
            "Tian, Krishnan and Isola, ICLR 2020",
            "h(T,S) = \\frac{e^{g_T(T)\\cdot g_S(S)/\\tau}/Z}{e^{g_T(T)\\cdot g_S(S)/\\tau}/Z + N/M},\\quad "
                    + "\\mathcal{L}_{crd} = -\\frac{1}{B}\\sum_b\\Big[\\log h(\\text{pos}_b) + \\sum_{j=1}^{N}\\log"
                    + "\\big(1 - h(\\text{neg}_{b,j})\\big)\\Big]_{S\\to T\\text{ keys}} + [\\dots]_{T\\to S\\text{ keys}};"
                    + "\\quad \\mathcal{L} = \\mathrm{CE} + \\beta\\,\\mathcal{L}_{crd}",
            "linear heads map both embeddings to one normalised space, where the student's embedding of an image must "
                    + "pick out the teacher's embedding of the same image among N other images' (and vice versa)",
            List.of(
                    Setting.number("beta", "β (CRD weight)", "the weight of the CRD term (the paper's scripts: 0.8)",
                            0.8, 0, 1e4),
                    Setting.number("tau", "τ (temperature)", "the critic's temperature (paper: 0.07)", 0.07, 1e-3, 100),
                    Setting.integer("dim", "head dimension d",
                            "the common dimension the linear heads map both embeddings to (paper: 128)", 32, 1, 4096),
                    Setting.integer("negatives", "negatives N",
                            "negative pairs per anchor drawn from the memory bank (paper: 16384 of 50000 images); "
                                    + "ignored with negatives_from=batch", 256, 1, 1_000_000),
                    Setting.choice("negatives_from", "negatives from",
                            "memory: the paper's memory banks of every training image; batch: the batch's other images",
                            MEMORY, List.of(MEMORY, BATCH)),
                    Setting.number("momentum", "bank momentum m",
                            "how much of a bank entry is kept at each update (paper's code: 0.5)", 0.5, 0, 0.999),
                    Setting.studentPoint("student_point", "student point",
                            "the student's feature the head g_S reads (flattened)", "embedding"),
                    Setting.teacherPoint("teacher_point", "teacher point",
                            "the teacher's feature the head g_T reads (flattened)", "embedding")),
            List.of(new TransferMethod.Component("crd", "CRD", true),
                    new TransferMethod.Component("crd/student", "CRD: student anchors", false),
                    new TransferMethod.Component("crd/teacher", "CRD: teacher anchors", false)),
            List.of("teacher embedding (after global pooling)", "student embedding",
                    "the batch's training-set indices (memory bank)"),
            List.of(TransferMethod.source(Crd.class)),
            v -> new Crd(v.number("beta"), v.number("tau"), v.integer("dim"), v.integer("negatives"),
                    v.text("negatives_from"), v.number("momentum"), v.text("student_point"), v.text("teacher_point")));

    private final double beta;
    private final double tau;
    private final int dim;
    private final int negatives;
    private final String negativesFrom;
    private final double momentum;
    private final String studentPoint;
    private final String teacherPoint;

    private int trainingSize;
    private long negativeSeed;
    private MethodParameter ws;
    private MethodParameter bs;
    private MethodParameter wt;
    private MethodParameter bt;
    /** The banks [M·d] (memory form) and the state [Z_student_anchors, Z_teacher_anchors, batches drawn]. */
    private MethodParameter bankStudent;
    private MethodParameter bankTeacher;
    private MethodParameter state;

    /** The batch last seen, its drawn rows, and the bank update it owes (applied before the next batch). */
    private LossInputs last;
    private int[][] rows;
    private int[] pendingIndex;
    private double[] pendingStudent;
    private double[] pendingTeacher;

    public Crd(double beta, double tau, int dim, int negatives, String negativesFrom, double momentum,
               String studentPoint, String teacherPoint) {
        this.beta = beta;
        this.tau = tau;
        this.dim = dim;
        this.negatives = negatives;
        this.negativesFrom = negativesFrom;
        this.momentum = momentum;
        this.studentPoint = studentPoint;
        this.teacherPoint = teacherPoint;
    }

    @Override
    public String id() {
        return "crd";
    }

    public boolean fromMemory() {
        return MEMORY.equals(negativesFrom);
    }

    @Override
    public void validate(ObjectiveContext context) {
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("crd.beta must be >= 0, got " + beta);
        }
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("crd.tau must be > 0 (paper: 0.07), got " + tau);
        }
        if (dim < 1) {
            throw new IllegalArgumentException("crd.dim must be at least 1 (paper: 128), got " + dim);
        }
        if (!MEMORY.equals(negativesFrom) && !BATCH.equals(negativesFrom)) {
            throw new IllegalArgumentException("crd.negatives_from must be memory or batch, got '" + negativesFrom + "'");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("crd.momentum must be in [0, 1), got " + momentum);
        }
        int m = context.trainingSetSize();
        if (fromMemory()) {
            if (negatives < 1) {
                throw new IllegalArgumentException("crd.negatives must be at least 1, got " + negatives);
            }
            if (m > 0 && negatives > m - 1) {
                throw new IllegalArgumentException("crd.negatives must be below the training set's " + m
                        + " images (at most " + (m - 1) + "), got " + negatives);
            }
        }
        int[] s = context.studentFeature("crd.student_point", studentPoint);
        int[] t = context.teacherFeature("crd.teacher_point", teacherPoint);
        context.useFeatures(studentPoint, teacherPoint);
        int ds = s[0] * s[1] * s[2];
        int dt = t[0] * t[1] * t[2];
        Random r = context.random();
        double[][] hs = HintRegression.initialRegressor(ds, dim, r);
        double[][] ht = HintRegression.initialRegressor(dt, dim, r);
        ws = MethodParameter.of("crd/student/W", hs[0], dim, ds);
        bs = MethodParameter.of("crd/student/b", hs[1], dim);
        wt = MethodParameter.of("crd/teacher/W", ht[0], dim, dt);
        bt = MethodParameter.of("crd/teacher/b", ht[1], dim);
        negativeSeed = r.nextLong();
        trainingSize = m;
        state = MethodParameter.of("crd/state", new double[]{-1, -1, 0}, 3);
        bankStudent = null;
        bankTeacher = null;
        if (fromMemory() && m > 0) {
            bankStudent = MethodParameter.of("crd/memory/student", randomUnitRows(m, dim, r), m, dim);
            bankTeacher = MethodParameter.of("crd/memory/teacher", randomUnitRows(m, dim, r), m, dim);
        }
        last = null;
        pendingIndex = null;
    }

    /** {@code m} random unit vectors of dimension {@code d}, row-major. */
    static double[] randomUnitRows(int m, int d, Random r) {
        double[] v = new double[m * d];
        double bound = Math.sqrt(3.0 / d);
        for (int i = 0; i < v.length; i++) {
            v[i] = (2 * r.nextDouble() - 1) * bound;
        }
        for (int i = 0; i < m; i++) {
            normalise(v, i * d, d);
        }
        return v;
    }

    @Override
    public List<MethodParameter> parameters() {
        return ws == null ? List.of() : List.of(ws, bs, wt, bt);
    }

    /** The banks and the state, with the update the last batch owes applied first. */
    @Override
    public List<MethodParameter> buffers() {
        flush();
        List<MethodParameter> out = new ArrayList<>();
        if (state != null) {
            out.add(state);
        }
        if (bankStudent != null) {
            out.add(bankStudent);
            out.add(bankTeacher);
        }
        return out;
    }

    @Override
    public Map<String, Double> componentWeights() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss/crd", beta);
        m.put("loss/crd/student", beta);
        m.put("loss/crd/teacher", beta);
        return m;
    }

    /** The normalisation constants [Z for student anchors, Z for teacher anchors] (−1 before the first batch). */
    public double[] normalisers() {
        return new double[]{state.value()[0], state.value()[1]};
    }

    /** The student's memory bank [M·d] (its current values; the last batch's update applied). */
    public float[] studentBank() {
        flush();
        return bankStudent == null ? null : bankStudent.value();
    }

    public float[] teacherBank() {
        flush();
        return bankTeacher == null ? null : bankTeacher.value();
    }

    @Override
    public List<Component> evaluate(LossInputs in, LossGradients gradients) {
        if (ws == null) {
            throw new IllegalStateException("validate() first: CRD has no heads");
        }
        LossInputs.Feature fs = in.studentTaps().get(studentPoint);
        LossInputs.Feature ft = in.teacherTaps().get(teacherPoint);
        int n = in.n();
        boolean memory = fromMemory();
        if (memory && (bankStudent == null || in.indices() == null)) {
            throw new IllegalStateException("crd.negatives_from=memory needs the training set's size and each batch's "
                    + "training-set indices; use negatives_from=batch where they are not known");
        }
        if (in != last) { // a new batch (the engine may evaluate one batch twice: per-term gradients)
            flush();
            last = in;
            rows = memory ? drawRows(in.indices(), trainingSize, negatives, negativeSeed, (long) state.value()[2]) : null;
            if (memory) {
                state.value()[2] += 1;
            }
        }
        double[] gws = new double[ws.value().length];
        double[] gbs = new double[bs.value().length];
        double[] gwt = new double[wt.value().length];
        double[] gbt = new double[bt.value().length];
        double[] gfs = gradients.tap(studentPoint, fs.values().length);
        double[] z = state.value().length == 3 ? new double[]{state.value()[0], state.value()[1]} : null;
        double[] parts = new double[2];
        double[][] embeddings = new double[2][];
        if (memory) {
            loss(fs.values(), ft.values(), n, ws.values(), bs.values(), wt.values(), bt.values(), dim,
                    bankStudent.values(), bankTeacher.values(), rows, tau, trainingSize, z, beta, gfs, gws, gbs, gwt,
                    gbt, parts, embeddings);
        } else {
            batchLoss(fs.values(), ft.values(), n, ws.values(), bs.values(), wt.values(), bt.values(), dim, tau,
                    Math.max(trainingSize, n), z, beta, gfs, gws, gbs, gwt, gbt, parts);
        }
        state.value()[0] = (float) z[0];
        state.value()[1] = (float) z[1];
        ws.setGradient(gws);
        bs.setGradient(gbs);
        wt.setGradient(gwt);
        bt.setGradient(gbt);
        if (memory) {
            pendingIndex = in.indices().clone();
            pendingStudent = embeddings[0];
            pendingTeacher = embeddings[1];
        }
        return List.of(new Component("loss/crd", parts[0] + parts[1], beta),
                new Component("loss/crd/student", parts[0], beta), new Component("loss/crd/teacher", parts[1], beta));
    }

    /** Applies the momentum update the last batch owes to the banks. */
    private void flush() {
        if (pendingIndex == null) {
            return;
        }
        updateBank(bankStudent.value(), pendingIndex, pendingStudent, dim, momentum);
        updateBank(bankTeacher.value(), pendingIndex, pendingTeacher, dim, momentum);
        pendingIndex = null;
        pendingStudent = null;
        pendingTeacher = null;
    }

    /**
     * {@code bank[idx_b] ← normalise(m·bank[idx_b] + (1 − m)·e_b)} for each row b of the embeddings {@code e}
     * [B·d] (the paper's momentum update; float storage like the other checkpointed arrays).
     */
    public static void updateBank(float[] bank, int[] index, double[] e, int d, double m) {
        double[] row = new double[d];
        for (int b = 0; b < index.length; b++) {
            int o = index[b] * d;
            for (int c = 0; c < d; c++) {
                row[c] = m * bank[o + c] + (1 - m) * e[b * d + c];
            }
            normalise(row, 0, d);
            for (int c = 0; c < d; c++) {
                bank[o + c] = (float) row[c];
            }
        }
    }

    /**
     * For each anchor b the bank rows to contrast with: its own image {@code index[b]} first, then {@code n}
     * others drawn uniformly with replacement from the {@code m − 1} other images, seeded by (seed, draw).
     */
    public static int[][] drawRows(int[] index, int m, int n, long seed, long draw) {
        Random r = new Random(seed ^ (draw + 1) * 0x9E3779B97F4A7C15L);
        int[][] rows = new int[index.length][n + 1];
        for (int b = 0; b < index.length; b++) {
            rows[b][0] = index[b];
            for (int j = 1; j <= n; j++) {
                int k = r.nextInt(m - 1);
                rows[b][j] = k >= index[b] ? k + 1 : k;
            }
        }
        return rows;
    }

    /**
     * The NCE loss of one direction, averaged over the B anchors: {@code u} [B·(N+1)] holds each anchor's dot
     * products with its keys, the positive first. {@code x = exp(u/τ)/Z}, {@code h = x/(x + c)}:
     * {@code −(1/B) Σ_b [log h(x_b0) + Σ_{j≥1} log(1 − h(x_bj))]}. Adds {@code weight·∂/∂u} into {@code du}
     * unless it is null.
     */
    public static double nce(double[] u, int b, int k1, double tau, double z, double c, double weight, double[] du) {
        double logZ = Math.log(z);
        double logC = Math.log(c);
        double sum = 0;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < k1; j++) {
                double a = u[i * k1 + j] / tau - logZ; // log x
                if (j == 0) {
                    sum += Vid.softplus(logC - a);     // −log h
                    if (du != null) {
                        du[i * k1] += -weight * sigmoid(logC - a) / (tau * b);
                    }
                } else {
                    sum += Vid.softplus(a - logC);     // −log(1 − h)
                    if (du != null) {
                        du[i * k1 + j] += weight * sigmoid(a - logC) / (tau * b);
                    }
                }
            }
        }
        return b == 0 ? 0 : sum / b;
    }

    /** Z = mean(exp(u/τ))·M over every entry of u: the code's normaliser, fixed on the first batch. */
    public static double normaliser(double[] u, double tau, int m) {
        double s = 0;
        for (double v : u) {
            s += Math.exp(v / tau);
        }
        return s / u.length * m;
    }

    /**
     * The memory form on one batch. {@code fs} [B·ds], {@code ft} [B·dt] the two features, the heads
     * ({@code ws} [d·ds], {@code bs} [d], {@code wt} [d·dt], {@code bt} [d}), the banks [M·d] (student's,
     * teacher's), each anchor's bank rows ({@link #drawRows}: positive first), τ, M, and {@code z} [2] the
     * normalisers (entries ≤ 0 are set from this batch). Writes the unweighted losses of the student anchors and
     * the teacher anchors into {@code parts} [2] and the two normalised embeddings into {@code embeddings} [2]
     * (unless null); adds {@code weight·}∂(sum)/∂(fs, W_S, b_S, W_T, b_T) into the gradient arrays (each unless
     * null). Returns the sum.
     */
    public static double loss(double[] fs, double[] ft, int n, double[] ws, double[] bs, double[] wt, double[] bt,
                              int d, double[] bankStudent, double[] bankTeacher, int[][] rows, double tau, int m,
                              double[] z, double weight, double[] gfs, double[] gws, double[] gbs, double[] gwt,
                              double[] gbt, double[] parts, double[][] embeddings) {
        int ds = fs.length / Math.max(n, 1);
        int dt = ft.length / Math.max(n, 1);
        double[] zs = head(fs, n, ds, ws, bs, d);
        double[] zt = head(ft, n, dt, wt, bt, d);
        double[] s = normalisedRows(zs, n, d);
        double[] t = normalisedRows(zt, n, d);
        int k1 = n == 0 ? 1 : rows[0].length;
        double[] us = new double[n * k1]; // student anchor · teacher bank
        double[] ut = new double[n * k1]; // teacher anchor · student bank
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < k1; j++) {
                int r = rows[b][j] * d;
                double a = 0;
                double e = 0;
                for (int c = 0; c < d; c++) {
                    a += s[b * d + c] * bankTeacher[r + c];
                    e += t[b * d + c] * bankStudent[r + c];
                }
                us[b * k1 + j] = a;
                ut[b * k1 + j] = e;
            }
        }
        if (z[0] <= 0) {
            z[0] = (float) normaliser(us, tau, m);
        }
        if (z[1] <= 0) {
            z[1] = (float) normaliser(ut, tau, m);
        }
        double c = (k1 - 1) / (double) m;
        double[] dus = new double[us.length];
        double[] dut = new double[ut.length];
        double ls = nce(us, n, k1, tau, z[0], c, weight, dus);
        double lt = nce(ut, n, k1, tau, z[1], c, weight, dut);
        double[] gs = new double[n * d];
        double[] gt = new double[n * d];
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < k1; j++) {
                int r = rows[b][j] * d;
                double a = dus[b * k1 + j];
                double e = dut[b * k1 + j];
                for (int cc = 0; cc < d; cc++) {
                    gs[b * d + cc] += a * bankTeacher[r + cc];
                    gt[b * d + cc] += e * bankStudent[r + cc];
                }
            }
        }
        headBackward(fs, n, ds, ws, d, zs, s, gs, gfs, gws, gbs);
        headBackward(ft, n, dt, wt, d, zt, t, gt, null, gwt, gbt);
        if (parts != null) {
            parts[0] = ls;
            parts[1] = lt;
        }
        if (embeddings != null) {
            embeddings[0] = s;
            embeddings[1] = t;
        }
        return ls + lt;
    }

    /**
     * The batch form: the keys are the other network's embeddings of the batch, the same image positive and the
     * B − 1 others negative (c = (B − 1)/M). Arguments as in {@link #loss}; gradients reach both heads through
     * anchors and keys.
     */
    public static double batchLoss(double[] fs, double[] ft, int n, double[] ws, double[] bs, double[] wt,
                                   double[] bt, int d, double tau, int m, double[] z, double weight, double[] gfs,
                                   double[] gws, double[] gbs, double[] gwt, double[] gbt, double[] parts) {
        if (n < 2) {
            throw new IllegalArgumentException("crd.negatives_from=batch needs batches of at least 2 images, got " + n);
        }
        int ds = fs.length / n;
        int dt = ft.length / n;
        double[] zs = head(fs, n, ds, ws, bs, d);
        double[] zt = head(ft, n, dt, wt, bt, d);
        double[] s = normalisedRows(zs, n, d);
        double[] t = normalisedRows(zt, n, d);
        double[] dot = new double[n * n]; // s_i · t_j
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double a = 0;
                for (int c = 0; c < d; c++) {
                    a += s[i * d + c] * t[j * d + c];
                }
                dot[i * n + j] = a;
            }
        }
        // each anchor's row: the positive first, then the others in order
        double[] us = new double[n * n];
        double[] ut = new double[n * n];
        for (int i = 0; i < n; i++) {
            us[i * n] = dot[i * n + i];
            ut[i * n] = dot[i * n + i];
            int k = 1;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    us[i * n + k] = dot[i * n + j]; // student anchor i, teacher key j
                    ut[i * n + k] = dot[j * n + i]; // teacher anchor i, student key j
                    k++;
                }
            }
        }
        if (z[0] <= 0) {
            z[0] = (float) normaliser(us, tau, m);
        }
        if (z[1] <= 0) {
            z[1] = (float) normaliser(ut, tau, m);
        }
        double c = (n - 1) / (double) m;
        double[] dus = new double[n * n];
        double[] dut = new double[n * n];
        double ls = nce(us, n, n, tau, z[0], c, weight, dus);
        double lt = nce(ut, n, n, tau, z[1], c, weight, dut);
        double[] ddot = new double[n * n];
        for (int i = 0; i < n; i++) {
            ddot[i * n + i] += dus[i * n] + dut[i * n];
            int k = 1;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    ddot[i * n + j] += dus[i * n + k];
                    ddot[j * n + i] += dut[i * n + k];
                    k++;
                }
            }
        }
        double[] gs = new double[n * d];
        double[] gt = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double g = ddot[i * n + j];
                for (int c2 = 0; c2 < d; c2++) {
                    gs[i * d + c2] += g * t[j * d + c2];
                    gt[j * d + c2] += g * s[i * d + c2];
                }
            }
        }
        headBackward(fs, n, ds, ws, d, zs, s, gs, gfs, gws, gbs);
        headBackward(ft, n, dt, wt, d, zt, t, gt, null, gwt, gbt);
        if (parts != null) {
            parts[0] = ls;
            parts[1] = lt;
        }
        return ls + lt;
    }

    /** W·f + b for each row of f [n·in]: [n·d]. */
    static double[] head(double[] f, int n, int in, double[] w, double[] b, int d) {
        if (f.length != n * in || w.length != d * in || b.length != d) {
            throw new IllegalArgumentException("crd: shapes disagree (feature " + f.length + " values for " + n
                    + " samples of " + in + ", W " + w.length + ", b " + b.length + ", d " + d + ")");
        }
        double[] z = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < d; o++) {
                double v = b[o];
                for (int k = 0; k < in; k++) {
                    v += w[o * in + k] * f[i * in + k];
                }
                z[i * d + o] = v;
            }
        }
        return z;
    }

    /** Each row divided by its norm (rows of norm below 1e-12 divided by 1e-12, as F.normalize). */
    static double[] normalisedRows(double[] z, int n, int d) {
        double[] s = z.clone();
        for (int i = 0; i < n; i++) {
            normalise(s, i * d, d);
        }
        return s;
    }

    private static void normalise(double[] v, int o, int d) {
        double ss = 0;
        for (int c = 0; c < d; c++) {
            ss += v[o + c] * v[o + c];
        }
        double norm = Math.max(Math.sqrt(ss), 1e-12);
        for (int c = 0; c < d; c++) {
            v[o + c] /= norm;
        }
    }

    /** Back through s = z/‖z‖ and z = W·f + b: adds into ∂f, ∂W, ∂b (each unless null). */
    private static void headBackward(double[] f, int n, int in, double[] w, int d, double[] z, double[] s,
                                     double[] gs, double[] gf, double[] gw, double[] gb) {
        for (int i = 0; i < n; i++) {
            double ss = 0;
            double sg = 0;
            for (int c = 0; c < d; c++) {
                ss += z[i * d + c] * z[i * d + c];
                sg += s[i * d + c] * gs[i * d + c];
            }
            double norm = Math.max(Math.sqrt(ss), 1e-12);
            for (int o = 0; o < d; o++) {
                double gz = (gs[i * d + o] - s[i * d + o] * sg) / norm;
                if (gb != null) {
                    gb[o] += gz;
                }
                for (int k = 0; k < in; k++) {
                    if (gw != null) {
                        gw[o * in + k] += gz * f[i * in + k];
                    }
                    if (gf != null) {
                        gf[i * in + k] += gz * w[o * in + k];
                    }
                }
            }
        }
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
