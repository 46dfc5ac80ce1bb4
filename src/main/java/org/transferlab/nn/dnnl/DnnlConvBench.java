package org.transferlab.nn.dnnl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferlab.nn.Conv3x3;
import org.transferlab.nn.Pass;

/**
 * Micro-benchmark (not a test): milliseconds per forward + backward of one 3×3 convolution, TransferLab's
 * {@link Conv3x3} (libnd4j's conv2d / conv2d_bp) against {@link DnnlConv3x3} (oneDNN's primitives called
 * directly, in each {@link DnnlConv3x3.Layout}), on cnn-small's three convolution shapes at batch 128 (or the
 * shapes given). The variants run interleaved, round after round, in one JVM; it prints the median over the
 * rounds of each variant's mean per call, and the ratio to libnd4j's.
 *
 * <pre>java -cp ... org.transferlab.nn.dnnl.DnnlConvBench [rounds=15] [calls=5] [batch=128] [shapes=1:8:28,8:16:14,16:32:7]</pre>
 * Threads: set OMP_NUM_THREADS (both libnd4j and oneDNN run on OpenMP).
 */
public final class DnnlConvBench {
    /**
     * The layouts timed. {@link DnnlConv3x3.Layout#PLAIN} is left out unless -Ddnnl.bench.plain=true: on NCHW /
     * hwio oneDNN 2.5 has only its reference implementation ({@code ref:any}), 8–30× slower than libnd4j here.
     */
    private static final List<DnnlConv3x3.Layout> LAYOUTS = Boolean.getBoolean("dnnl.bench.plain")
            ? List.of(DnnlConv3x3.Layout.values()) : List.of(DnnlConv3x3.Layout.ANY, DnnlConv3x3.Layout.NHWC);

    private DnnlConvBench() {
    }

    private interface Variant {
        String name();

        /** Runs forward then backward once; returns {forward ns, backward ns}. */
        long[] run();
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        String shapes = args.length > 3 ? args[3] : "1:8:28,8:16:14,16:32:7";
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        System.out.println("oneDNN direct path: " + Dnnl.unavailableReason() + "; OMP_NUM_THREADS="
                + System.getenv("OMP_NUM_THREADS") + "; batch " + batch + ", " + rounds + " rounds x " + calls
                + " calls per variant, interleaved");
        if (!Dnnl.available()) {
            return;
        }
        System.out.println("| layer shape | variant | fwd ms | bwd ms | fwd+bwd ms | ratio libnd4j/variant | max |diff| vs libnd4j |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String s : shapes.split(",")) {
            String[] p = s.split(":");
            bench(batch, Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), rounds, calls);
        }
    }

    private static void bench(int n, int cin, int cout, int hw, int rounds, int calls) {
        Random rng = new Random(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, cin, hw, hw).subi(0.5);
        INDArray wts = Nd4j.rand(DataType.FLOAT, 3, 3, cin, cout).subi(0.5).muli(0.3);
        INDArray b = Nd4j.rand(DataType.FLOAT, cout).subi(0.5);
        INDArray gy = Nd4j.rand(DataType.FLOAT, n, cout, hw, hw).subi(0.5);
        System.setProperty(Dnnl.PROPERTY, "false");
        Conv3x3 layer = new Conv3x3("c", wts.dup(), b.dup()); // libnd4j's path
        System.clearProperty(Dnnl.PROPERTY);
        Conv3x3 wired = new Conv3x3("c", wts.dup(), b.dup()); // the direct path, as training runs it
        if (cin == 1) {
            wired.inputGradient(false);
        }
        Pass pass = Pass.train(rng);
        INDArray refY = layer.forward(x, pass).dup();
        INDArray refGx = layer.backward(gy).dup();
        INDArray refGw = layer.parameters().get(0).grad().dup();
        INDArray refGb = layer.parameters().get(1).grad().dup();

        List<Variant> variants = new ArrayList<>();
        List<String> diffs = new ArrayList<>();
        variants.add(new Variant() {
            public String name() {
                return "libnd4j conv2d/conv2d_bp (Conv3x3)";
            }

            public long[] run() {
                long t0 = System.nanoTime();
                layer.forward(x, pass);
                long t1 = System.nanoTime();
                layer.backward(gy);
                return new long[]{t1 - t0, System.nanoTime() - t1};
            }
        });
        diffs.add("0");
        variants.add(new Variant() {
            public String name() {
                return "Conv3x3 on oneDNN direct (any)" + (cin == 1 ? ", no input gradient" : "");
            }

            public long[] run() {
                long t0 = System.nanoTime();
                wired.forward(x, pass);
                long t1 = System.nanoTime();
                wired.backward(gy);
                return new long[]{t1 - t0, System.nanoTime() - t1};
            }
        });
        INDArray wy = wired.forward(x, pass).dup();
        INDArray wgx = wired.backward(gy);
        diffs.add(String.format(Locale.ROOT, "%.2g", Math.max(Math.max(diff(wy, refY), wgx == null ? 0 : diff(wgx, refGx)),
                Math.max(diff(wired.parameters().get(0).grad(), refGw), diff(wired.parameters().get(1).grad(), refGb)))));
        boolean[] skips = cin == 1 ? new boolean[]{false, true} : new boolean[]{false};
        for (DnnlConv3x3.Layout layout : LAYOUTS) {
            for (boolean skip : skips) {
                DnnlConv3x3 c = new DnnlConv3x3(n, cin, cout, hw, hw, layout);
                INDArray y = Nd4j.createUninitialized(DataType.FLOAT, n, cout, hw, hw);
                INDArray gx = skip ? null : Nd4j.createUninitialized(DataType.FLOAT, n, cin, hw, hw);
                INDArray gw = Nd4j.createUninitialized(DataType.FLOAT, 3, 3, cin, cout);
                INDArray gb = Nd4j.createUninitialized(DataType.FLOAT, cout);
                c.forward(x, wts, b, y);
                c.backward(x, wts, gy, gx, gw, gb);
                double d = Math.max(Math.max(diff(y, refY), gx == null ? 0 : diff(gx, refGx)),
                        Math.max(diff(gw, refGw), diff(gb, refGb)));
                diffs.add(String.format(Locale.ROOT, "%.2g", d));
                String name = "oneDNN " + layout.name().toLowerCase(Locale.ROOT) + (skip ? ", no input gradient" : "");
                System.out.println("<!-- " + cin + "->" + cout + "@" + hw + " " + name + ": " + c.describe() + " -->");
                variants.add(new Variant() {
                    public String name() {
                        return name;
                    }

                    public long[] run() {
                        long t0 = System.nanoTime();
                        c.forward(x, wts, b, y);
                        long t1 = System.nanoTime();
                        c.backward(x, wts, gy, gx, gw, gb);
                        return new long[]{t1 - t0, System.nanoTime() - t1};
                    }
                });
            }
        }
        int v = variants.size();
        double[][] f = new double[v][rounds];
        double[][] bw = new double[v][rounds];
        double[][] tot = new double[v][rounds];
        for (Variant var : variants) {
            for (int i = 0; i < 3; i++) {
                var.run();
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < v; k++) {
                long fs = 0;
                long bs = 0;
                for (int c = 0; c < calls; c++) {
                    long[] t = variants.get(k).run();
                    fs += t[0];
                    bs += t[1];
                }
                f[k][r] = fs / 1e6 / calls;
                bw[k][r] = bs / 1e6 / calls;
                tot[k][r] = (fs + bs) / 1e6 / calls;
            }
        }
        double base = median(tot[0]);
        for (int k = 0; k < v; k++) {
            System.out.printf(Locale.ROOT, "| %d→%d, %dx%d | %s | %.3f | %.3f | %.3f | %.2f× | %s |%n", cin, cout, hw, hw,
                    variants.get(k).name(), median(f[k]), median(bw[k]), median(tot[k]), base / median(tot[k]),
                    diffs.get(k));
        }
    }

    private static double diff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
