package org.transferlab.exercises.checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferlab.exercises.StudentCode;

/**
 * One comparison of a student's SameDiff function with a Java formula, on fixed inputs in double precision.
 *
 * <p>The student's graph is evaluated and differentiated by SameDiff; the reference's gradient is taken by
 * central differences of the Java formula (step 1e-5: error ~1e-10 here). A non-scalar output (an attention
 * map) is reduced to {@code Σ R⊙out} with fixed random R so that one gradient covers every element. When value
 * or gradient differ, each known mistake's formula is tried the same way; the first that matches both names the
 * mistake. Tolerances: values within 1e-7 + 1e-5·max|reference|, gradients within 1e-7 + 1e-4·max|gradient|.
 */
public final class LossCase {
    static final double VALUE_TOL = 1e-5;
    static final double GRAD_TOL = 1e-4;
    private static final double FD_STEP = 1e-5;

    /** Builds the student's output from the inputs as SameDiff variables (calls the student's method). */
    @FunctionalInterface
    public interface StudentGraph {
        SDVariable build(SameDiff sd, Map<String, SDVariable> inputs) throws StudentCode.StudentException;
    }

    private final String name;
    private final Map<String, Tensor> inputs = new LinkedHashMap<>();
    private final List<String> wrt = new ArrayList<>();
    private long[] outputShape = {};
    private Formula reference;
    private final Map<String, Formula> mistakes = new LinkedHashMap<>();
    private final Map<String, Formula> equivalents = new LinkedHashMap<>();
    private final Map<String, Double> factors = new LinkedHashMap<>();

    public LossCase(String name) {
        this.name = name;
        factors.put("−1 (the sign is flipped)", -1.0);
        factors.put("2", 2.0);
        factors.put("1/2", 0.5);
    }

    /**
     * Constant factors worth naming when a gradient is the reference's times one of them (e.g. {@code T} → 4,
     * {@code N} → 6); their inverses and negatives are tried too.
     */
    public LossCase factor(String name, double value) {
        factors.put(name, value);
        return this;
    }

    public LossCase input(String key, Tensor t, boolean differentiate) {
        inputs.put(key, t);
        if (differentiate) {
            wrt.add(key);
        }
        return this;
    }

    /** The expected output shape (empty: one number). */
    public LossCase output(long... shape) {
        this.outputShape = shape;
        return this;
    }

    public LossCase reference(Formula f) {
        this.reference = f;
        return this;
    }

    /** A known mistake; several formulas may share one id (e.g. temperature on either side only). */
    public LossCase mistake(String id, Formula f) {
        mistakes.put(id + "#" + mistakes.size(), f);
        return this;
    }

    /** An acceptable alternative with the reference's gradient but another value (KL instead of cross-entropy). */
    public LossCase equivalent(String note, Formula f) {
        equivalents.put(note, f);
        return this;
    }

    /** Runs the student's graph and records the checks in {@code out}; returns false if anything failed. */
    public boolean run(StudentGraph student, Outcome out) throws StudentCode.StudentException {
        Map<String, double[]> values = new LinkedHashMap<>();
        inputs.forEach((k, t) -> values.put(k, t.values()));
        SameDiff sd = SameDiff.create();
        Map<String, SDVariable> vars = new LinkedHashMap<>();
        inputs.forEach((k, t) -> vars.put(k, sd.var(k, Nd4j.create(t.values().clone(), t.shape(), 'c'))));
        SDVariable y = student.build(sd, vars);
        if (y == null) {
            out.add(name + ": output", false, "your method returned null; return the SDVariable you computed");
            return false;
        }
        INDArray value;
        try {
            value = y.eval();
        } catch (RuntimeException e) {
            throw StudentCode.explain(rootCause(e), "running your graph");
        }
        long[] shape = value.shape();
        boolean scalar = outputShape.length == 0;
        if (scalar ? value.length() != 1 : !Arrays.equals(shape, outputShape)) {
            long[] reversed = shape.clone();
            for (int i = 0; i < reversed.length / 2; i++) {
                long tmp = reversed[i];
                reversed[i] = reversed[reversed.length - 1 - i];
                reversed[reversed.length - 1 - i] = tmp;
            }
            boolean transposed = !scalar && shape.length > 1 && Arrays.equals(reversed, outputShape);
            out.add(name + ": shape", false, "your result has shape " + Arrays.toString(shape) + ", expected "
                    + (scalar ? "one number (a scalar: reduce over the batch)" : Arrays.toString(outputShape)
                    + (transposed ? ": it is transposed (the axes the other way round); one sample per row"
                    : shapeAdvice(shape))));
            return false;
        }
        double[] mine = value.castTo(DataType.DOUBLE).data().asDouble();
        for (double v : mine) {
            if (!Double.isFinite(v)) {
                out.add(name + ": finite", false, "your result contains NaN or infinity on ordinary inputs: look for "
                        + "a log of 0, a division by 0, or an exp that overflows");
                return false;
            }
        }
        double[] r = scalar ? null : random(mine.length, 99);
        SDVariable loss = scalar ? y : y.mul(sd.constant(Nd4j.create(r, outputShape, 'c'))).sum();
        sd.setLossVariables(loss.name());
        Map<String, INDArray> g;
        try {
            g = sd.calculateGradients(Map.of(), wrt.toArray(String[]::new));
        } catch (RuntimeException e) {
            throw StudentCode.explain(rootCause(e), "differentiating your graph");
        }
        Map<String, double[]> myGrads = new LinkedHashMap<>();
        for (String k : wrt) {
            INDArray gk = g.get(k);
            if (gk == null) {
                out.add(name + ": gradient", false, "your result does not depend on " + k
                        + " (no gradient flows back to it)");
                return false;
            }
            myGrads.put(k, gk.castTo(DataType.DOUBLE).data().asDouble());
        }

        // a second point, the differentiated inputs moved, the others kept: what the student's function does there
        // tells a rewriting that adds a constant (the teacher's entropy, a log of a constant…) from a real change
        Map<String, double[]> moved = moved(values);
        double[] mine2 = evaluateAt(sd, y, moved);

        double[] ref = reference.apply(values);
        boolean valueOk = close(mine, ref, VALUE_TOL);
        Map<String, double[]> refGrads = gradients(reference, values, r);
        boolean gradOk = refGrads.entrySet().stream().allMatch(e -> close(myGrads.get(e.getKey()), e.getValue(), GRAD_TOL));
        if (!valueOk && gradOk) {
            for (var e : equivalents.entrySet()) {
                if (close(mine, e.getValue().apply(values), VALUE_TOL)) {
                    out.add(name + ": value", true, e.getKey());
                    out.note = e.getKey();
                    valueOk = true;
                    break;
                }
            }
        } else if (valueOk) {
            out.add(name + ": value", true, describe(mine, ref));
        }
        if (!valueOk) {
            out.add(name + ": value", false, describe(mine, ref));
        }
        for (var e : refGrads.entrySet()) {
            boolean ok = close(myGrads.get(e.getKey()), e.getValue(), GRAD_TOL);
            out.add(name + ": gradient w.r.t. " + e.getKey(), ok, gradientText(myGrads.get(e.getKey()), e.getValue()));
        }
        if (valueOk && gradOk) {
            return true;
        }
        out.mistake = matchMistake(mine, mine2, myGrads, values, moved, r);
        if (out.mistake == null) {
            String finding = finding(mine, mine2, myGrads, refGrads, ref, reference.apply(moved), gradOk);
            if (finding != null) {
                out.finding = finding;
            }
        }
        return false;
    }

    /**
     * The known mistake whose gradient the student's has (at the case's point) and whose value theirs equals up
     * to a constant: the same value, or the same change between the case's point and a second one where the
     * differentiated inputs moved. So a mistake written in another but equivalent form (KL instead of
     * cross-entropy, sum()/N instead of mean(), log(softmax) instead of logSoftmax) still gets its hint.
     */
    private String matchMistake(double[] mine, double[] mine2, Map<String, double[]> myGrads,
                                Map<String, double[]> values, Map<String, double[]> moved, double[] r) {
        for (var e : mistakes.entrySet()) {
            double[] v = e.getValue().apply(values);
            if (v.length != mine.length) {
                continue;
            }
            boolean sameValue = close(mine, v, VALUE_TOL)
                    || (mine2 != null && close(minus(mine2, mine), minus(e.getValue().apply(moved), v), VALUE_TOL));
            if (!sameValue) {
                continue;
            }
            Map<String, double[]> mg = gradients(e.getValue(), values, r);
            if (mg.entrySet().stream().allMatch(x -> close(myGrads.get(x.getKey()), x.getValue(), GRAD_TOL))) {
                return e.getKey().substring(0, e.getKey().indexOf('#'));
            }
        }
        return null;
    }

    /**
     * What the numbers show when no known mistake matches: right up to an additive constant, or every gradient
     * the reference's times one constant (named when it is one of the case's factors); null when neither.
     */
    private String finding(double[] mine, double[] mine2, Map<String, double[]> myGrads, Map<String, double[]> refGrads,
                           double[] ref, double[] ref2, boolean gradOk) {
        if (gradOk && mine2 != null && close(minus(mine2, mine), minus(ref2, ref), VALUE_TOL)) {
            return String.format("your function is right up to an additive constant: its gradient is the reference's, "
                    + "its value differs by %.6g wherever the inputs are; drop the constant term", mine[0] - ref[0]);
        }
        Double ratio = null;
        for (var e : refGrads.entrySet()) {
            double[] a = myGrads.get(e.getKey());
            double[] b = e.getValue();
            int k = argMaxAbs(b);
            if (b[k] == 0) {
                return null;
            }
            double c = a[k] / b[k];
            if (ratio != null && Math.abs(c - ratio) > 1e-4 * Math.abs(ratio)) {
                return null;
            }
            double[] scaled = b.clone();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] *= c;
            }
            if (!close(a, scaled, GRAD_TOL)) {
                return null;
            }
            ratio = c;
        }
        if (ratio == null || Math.abs(ratio - 1) < 1e-4) {
            return null;
        }
        String named = null;
        for (var f : factors.entrySet()) {
            for (double[] form : new double[][]{{f.getValue(), 1}, {1 / f.getValue(), -1}, {-f.getValue(), 2}}) {
                if (Math.abs(ratio - form[0]) <= 1e-4 * Math.abs(form[0])) {
                    named = form[1] == 1 ? f.getKey() : form[1] == -1 ? "1/(" + f.getKey() + ")" : "−(" + f.getKey() + ")";
                }
            }
            if (named != null) {
                break;
            }
        }
        return String.format("your gradient is the reference's times %s: a constant factor%s", named != null
                ? named + String.format(" = %.4g", ratio) : String.format("%.4g", ratio), named != null && named.startsWith("−1")
                ? "" : "; look for a factor you added or forgot");
    }

    private static int argMaxAbs(double[] a) {
        int k = 0;
        for (int i = 1; i < a.length; i++) {
            if (Math.abs(a[i]) > Math.abs(a[k])) {
                k = i;
            }
        }
        return k;
    }

    private static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    /** The inputs with the differentiated ones moved by a fixed random step (the others kept). */
    private Map<String, double[]> moved(Map<String, double[]> values) {
        Map<String, double[]> m = new LinkedHashMap<>(values);
        long seed = 7;
        for (String k : wrt) {
            double[] x = values.get(k).clone();
            double[] step = random(x.length, seed++);
            double scale = 0.3 * Math.max(1e-3, maxAbs(x));
            for (int i = 0; i < x.length; i++) {
                x[i] += scale * step[i];
            }
            m.put(k, x);
        }
        return m;
    }

    /** The student's output with the differentiated inputs set to {@code moved}; null if it cannot be evaluated. */
    private double[] evaluateAt(SameDiff sd, SDVariable y, Map<String, double[]> moved) {
        try {
            for (String k : wrt) {
                sd.getVariable(k).setArray(Nd4j.create(moved.get(k).clone(), inputs.get(k).shape(), 'c'));
            }
            return y.eval().castTo(DataType.DOUBLE).data().asDouble();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Map<String, double[]> gradients(Formula f, Map<String, double[]> values, double[] r) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String k : wrt) {
            double[] x = values.get(k).clone();
            Map<String, double[]> in = new LinkedHashMap<>(values);
            in.put(k, x);
            double[] g = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double keep = x[i];
                x[i] = keep + FD_STEP;
                double up = reduce(f.apply(in), r);
                x[i] = keep - FD_STEP;
                double down = reduce(f.apply(in), r);
                x[i] = keep;
                g[i] = (up - down) / (2 * FD_STEP);
            }
            out.put(k, g);
        }
        return out;
    }

    private static double reduce(double[] v, double[] r) {
        if (r == null) {
            return v[0];
        }
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += r[i] * v[i];
        }
        return s;
    }

    static boolean close(double[] a, double[] b, double rel) {
        if (a == null || b == null || a.length != b.length) {
            return false;
        }
        double scale = 0;
        for (double x : b) {
            scale = Math.max(scale, Math.abs(x));
        }
        double tol = 1e-7 + rel * scale;
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= tol)) {
                return false;
            }
        }
        return true;
    }

    private static String describe(double[] mine, double[] ref) {
        if (mine.length == 1) {
            return String.format("yours %.6g, reference %.6g%s", mine[0], ref[0],
                    ref[0] != 0 ? String.format(" (ratio %.4g)", mine[0] / ref[0]) : "");
        }
        return String.format("largest difference %.3g (reference values up to %.3g)", maxDiff(mine, ref), maxAbs(ref));
    }

    private static String gradientText(double[] mine, double[] ref) {
        return String.format("largest difference %.3g (reference gradient up to %.3g)", maxDiff(mine, ref), maxAbs(ref));
    }

    private static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static String shapeAdvice(long[] shape) {
        return shape.length == 4 ? " (sum over the channel axis 1 and flatten each sample's map to H·W values)"
                : shape.length == 3 ? " (flatten each sample's H×W map into one row of H·W values)" : "";
    }

    static double[] random(int n, long seed) {
        Random rng = new Random(seed);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = rng.nextGaussian();
        }
        return r;
    }

    static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c : t;
    }
}
