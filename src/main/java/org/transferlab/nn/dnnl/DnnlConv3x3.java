package org.transferlab.nn.dnnl;

import static org.bytedeco.dnnl.global.dnnl.*;
import static org.transferlab.nn.dnnl.Dnnl.check;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.javacpp.LongPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One 3×3 convolution shape (batch {@code n}, {@code cin} → {@code cout} channels, {@code h}×{@code w}, stride 1,
 * zero padding 1, with bias) as three oneDNN primitives (forward, backward data, backward weights and bias),
 * created once and reused for every call of that shape.
 *
 * <p>The caller's arrays are TransferLab's: activations NCHW, weights [3, 3, in, out] (oneDNN's {@code hwio}),
 * bias [out]. oneDNN reads and writes them in place (its memory objects wrap the arrays' host addresses). With
 * {@link Layout#PLAIN} the primitives are created on exactly those layouts, so nothing is converted; with
 * {@link Layout#ANY} oneDNN chooses its preferred (usually blocked) layouts and each call reorders into and out
 * of them (the reorders are primitives too, created once).
 *
 * <p>{@link #backward} skips the input gradient when it is given no array for it (a network's first layer).
 * Not thread-safe: one instance per layer.
 */
public final class DnnlConv3x3 {
    /** Which memory layouts the primitives are created on. */
    public enum Layout {
        /** The caller's NCHW / hwio layouts: no reorders. */
        PLAIN,
        /** oneDNN's choice (format_tag any), with reorders from and to the caller's layouts on every call. */
        ANY,
        /** Activations channels-last (NHWC), weights oneDNN's choice: reorders on every call. */
        NHWC
    }

    public final int n;
    public final int cin;
    public final int cout;
    public final int h;
    public final int w;
    public final Layout layout;

    /** The inputs reordered into oneDNN's layouts, by role (x, w, b, gy), shared by the steps that read them. */
    private final List<Shared> shared = new ArrayList<>();
    /** Every oneDNN object this instance created, destroyed by {@link #close()}. */
    private final List<Object> owned = new ArrayList<>();
    private boolean closed;
    private final Step fwd;
    private final Step bwdData;
    private final Step bwdWeights;

    public DnnlConv3x3(int n, int cin, int cout, int h, int w, Layout layout) {
        this.n = n;
        this.cin = cin;
        this.cout = cout;
        this.h = h;
        this.w = w;
        this.layout = layout;
        Dnnl.engine();
        int act = layout == Layout.PLAIN ? dnnl_nchw : layout == Layout.NHWC ? dnnl_nhwc : dnnl_format_tag_any;
        int wt = layout == Layout.PLAIN ? dnnl_hwio : dnnl_format_tag_any;
        LongPointer strides = new LongPointer(1L, 1L);
        LongPointer pad = new LongPointer(1L, 1L);

        dnnl_memory_desc_t userSrc = md(dnnl_nchw, n, cin, h, w);
        dnnl_memory_desc_t userDst = md(dnnl_nchw, n, cout, h, w);
        dnnl_memory_desc_t userW = md(dnnl_hwio, cout, cin, 3, 3);
        dnnl_memory_desc_t userB = md(dnnl_x, cout);
        dnnl_memory_desc_t src = md(act, n, cin, h, w);
        dnnl_memory_desc_t dst = md(act, n, cout, h, w);
        dnnl_memory_desc_t wts = md(wt, cout, cin, 3, 3);

        dnnl_convolution_desc_t fd = new dnnl_convolution_desc_t();
        check(dnnl_convolution_forward_desc_init(fd, dnnl_forward_training, dnnl_convolution_direct, src, wts, userB,
                dst, strides, pad, pad), "convolution_forward_desc_init");
        dnnl_primitive_desc fpd = pd(fd, null);
        fwd = new Step(shared, fpd, new int[]{DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_BIAS, DNNL_ARG_DST},
                new int[]{dnnl_query_src_md, dnnl_query_weights_md, dnnl_query_weights_md, dnnl_query_dst_md},
                new int[]{0, 0, 1, 0}, new dnnl_memory_desc_t[]{userSrc, userW, userB, userDst},
                new String[]{"x", "w", "b", null});

        dnnl_convolution_desc_t bd = new dnnl_convolution_desc_t();
        check(dnnl_convolution_backward_data_desc_init(bd, dnnl_convolution_direct, src, wts, dst, strides, pad, pad),
                "convolution_backward_data_desc_init");
        bwdData = new Step(shared, pd(bd, fpd), new int[]{DNNL_ARG_DIFF_DST, DNNL_ARG_WEIGHTS, DNNL_ARG_DIFF_SRC},
                new int[]{dnnl_query_diff_dst_md, dnnl_query_weights_md, dnnl_query_diff_src_md},
                new int[]{0, 0, 0}, new dnnl_memory_desc_t[]{userDst, userW, userSrc},
                new String[]{"gy", "w", null});

        dnnl_convolution_desc_t wd = new dnnl_convolution_desc_t();
        check(dnnl_convolution_backward_weights_desc_init(wd, dnnl_convolution_direct, src, wts, userB, dst, strides,
                pad, pad), "convolution_backward_weights_desc_init");
        bwdWeights = new Step(shared, pd(wd, fpd),
                new int[]{DNNL_ARG_SRC, DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_WEIGHTS, DNNL_ARG_DIFF_BIAS},
                new int[]{dnnl_query_src_md, dnnl_query_diff_dst_md, dnnl_query_diff_weights_md,
                        dnnl_query_diff_weights_md},
                new int[]{0, 0, 0, 1}, new dnnl_memory_desc_t[]{userSrc, userDst, userW, userB},
                new String[]{"x", "gy", null, null});
    }

    /** y = conv(x, W) + b. x [n, cin, h, w], W [3, 3, cin, cout], b [cout], y [n, cout, h, w]. */
    public void forward(INDArray x, INDArray weights, INDArray bias, INDArray y) {
        shape(x, n, cin, h, w);
        shape(weights, 3, 3, cin, cout);
        shape(bias, cout);
        shape(y, n, cout, h, w);
        for (Shared r : shared) {
            r.fresh = false;
        }
        fwd.run(x, weights, bias, y);
    }

    /**
     * Writes the gradients of W and b (overwriting) and, when {@code gradIn} is not null, of x, from the
     * gradient {@code gradOut} of the output. Must follow the {@link #forward} of the same {@code x} and
     * {@code weights} (unchanged since): their copies in oneDNN's layouts made there are reused here.
     */
    public void backward(INDArray x, INDArray weights, INDArray gradOut, INDArray gradIn, INDArray gradW,
            INDArray gradB) {
        shape(x, n, cin, h, w);
        shape(weights, 3, 3, cin, cout);
        shape(gradOut, n, cout, h, w);
        if (gradIn != null) {
            shape(gradIn, n, cin, h, w);
        }
        shape(gradW, 3, 3, cin, cout);
        shape(gradB, cout);
        for (Shared r : shared) {
            if (r.role.equals("gy")) {
                r.fresh = false;
            }
        }
        if (gradIn != null) {
            bwdData.run(gradOut, weights, gradIn);
        }
        bwdWeights.run(x, gradOut, gradW, gradB);
    }

    /** The implementations oneDNN chose (forward / backward data / backward weights) and the reorders per call. */
    public String describe() {
        return "fwd " + fwd.impl + " (" + fwd.reorders() + " reorders), bwd-data " + bwdData.impl + " ("
                + bwdData.reorders() + "), bwd-weights " + bwdWeights.impl + " (" + bwdWeights.reorders()
                + "); " + shared.size() + " input copies, each reordered once per pass";
    }

    /**
     * Destroys the primitives, their descriptors and the memory oneDNN allocated for them, newest first
     * (idempotent); the instance is unusable after.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = owned.size() - 1; i >= 0; i--) {
            Object o = owned.get(i);
            if (o instanceof dnnl_primitive p) {
                dnnl_primitive_destroy(p);
            } else if (o instanceof dnnl_memory m) {
                dnnl_memory_destroy(m);
            } else if (o instanceof dnnl_primitive_desc d) {
                dnnl_primitive_desc_destroy(d);
            }
        }
        owned.clear();
    }

    /** oneDNN reads and writes raw memory: an array of another size than the primitives' is refused, not overrun. */
    private static void shape(INDArray a, long... dims) {
        long len = 1;
        for (long d : dims) {
            len *= d;
        }
        if (a.length() != len) {
            throw new IllegalArgumentException("expected " + java.util.Arrays.toString(dims) + ", got "
                    + java.util.Arrays.toString(a.shape()));
        }
    }

    private static dnnl_memory_desc_t md(int tag, long... dims) {
        dnnl_memory_desc_t m = new dnnl_memory_desc_t();
        check(dnnl_memory_desc_init_by_tag(m, dims.length, new LongPointer(dims), dnnl_f32, tag),
                "memory_desc_init_by_tag");
        return m;
    }

    private dnnl_primitive_desc pd(dnnl_convolution_desc_t desc, dnnl_primitive_desc hint) {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(desc), null, Dnnl.engine(), hint),
                "primitive_desc_create");
        owned.add(pd);
        return pd;
    }

    private dnnl_memory memory(dnnl_memory_desc_t md, boolean allocate) {
        dnnl_memory m = new dnnl_memory();
        check(dnnl_memory_create(m, md, Dnnl.engine(), allocate ? Dnnl.address(-1L) : null), "memory_create");
        owned.add(m);
        return m;
    }

    private dnnl_primitive primitive(dnnl_primitive_desc pd) {
        dnnl_primitive p = new dnnl_primitive();
        check(dnnl_primitive_create(p, pd), "primitive_create");
        owned.add(p);
        return p;
    }

    private static dnnl_exec_arg_t execArgs(int[] kinds, dnnl_memory[] mems) {
        dnnl_exec_arg_t a = new dnnl_exec_arg_t(kinds.length);
        for (int i = 0; i < kinds.length; i++) {
            a.getPointer(i).arg(kinds[i]).memory(mems[i]);
        }
        return a;
    }

    private static void execute(dnnl_primitive p, dnnl_exec_arg_t args, int count) {
        check(dnnl_primitive_execute(p, Dnnl.stream(), count, args), "primitive_execute");
    }

    /** A reorder between a user memory and the primitive's own memory, in one direction. */
    private Reorder reorder(dnnl_memory from, dnnl_memory_desc_t fromMd, dnnl_memory to, dnnl_memory_desc_t toMd) {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        check(dnnl_reorder_primitive_desc_create(pd, fromMd, Dnnl.engine(), toMd, Dnnl.engine(), null),
                "reorder_primitive_desc_create");
        owned.add(pd);
        return new Reorder(primitive(pd), execArgs(new int[]{DNNL_ARG_FROM, DNNL_ARG_TO}, new dnnl_memory[]{from, to}));
    }

    private record Reorder(dnnl_primitive prim, dnnl_exec_arg_t args) {

        void run() {
            execute(prim, args, 2);
        }
    }

    /** An input array's copy in a primitive's own layout, and the reorder that makes it. */
    private static final class Shared {
        final String role;
        final dnnl_memory_desc_t md;
        final dnnl_memory memory;
        final Reorder reorder;
        boolean fresh;

        Shared(String role, dnnl_memory_desc_t md, dnnl_memory memory, Reorder reorder) {
            this.role = role;
            this.md = md;
            this.memory = memory;
            this.reorder = reorder;
        }
    }

    /** One primitive with its arguments: user memories (wrapping the caller's arrays) and reorders where needed. */
    private final class Step {
        final dnnl_primitive prim;
        final dnnl_exec_arg_t args;
        final int count;
        final dnnl_memory[] user;
        final List<Shared> before = new ArrayList<>();
        final List<Reorder> after = new ArrayList<>();
        final String impl;

        /** {@code roles[i]}: the input's name, for sharing its reordered copy; null for an output. */
        Step(List<Shared> shared, dnnl_primitive_desc pd, int[] kinds, int[] queries, int[] indices,
                dnnl_memory_desc_t[] userMds, String[] roles) {
            count = kinds.length;
            user = new dnnl_memory[count];
            dnnl_memory[] bound = new dnnl_memory[count];
            for (int i = 0; i < count; i++) {
                user[i] = memory(userMds[i], false);
                dnnl_memory_desc_t want = dnnl_primitive_desc_query_md(pd, queries[i], indices[i]);
                if (dnnl_memory_desc_equal(want, userMds[i]) != 0) {
                    bound[i] = user[i];
                } else if (roles[i] != null) {
                    Shared found = null;
                    for (Shared r : shared) {
                        if (r.role.equals(roles[i]) && dnnl_memory_desc_equal(r.md, want) != 0) {
                            found = r;
                        }
                    }
                    if (found == null) {
                        dnnl_memory own = memory(want, true);
                        found = new Shared(roles[i], want, own, reorder(user[i], userMds[i], own, want));
                        shared.add(found);
                    } else {
                        // the reorder reads the user memory of the step that created it: point it at ours too
                        user[i] = found.reorder.args.memory();
                    }
                    bound[i] = found.memory;
                    before.add(found);
                } else {
                    dnnl_memory own = memory(want, true);
                    bound[i] = own;
                    after.add(reorder(own, want, user[i], userMds[i]));
                }
            }
            prim = primitive(pd);
            args = execArgs(kinds, bound);
            impl = Dnnl.implInfo(pd);
        }

        int reorders() {
            return before.size() + after.size();
        }

        void run(INDArray... arrays) {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            for (int i = 0; i < count; i++) {
                check(dnnl_memory_set_data_handle(user[i], Dnnl.address(arrays[i])), "memory_set_data_handle");
            }
            for (Shared r : before) {
                if (!r.fresh) {
                    r.reorder.run();
                    r.fresh = true;
                }
            }
            execute(prim, args, count);
            for (Reorder r : after) {
                r.run();
            }
            check(dnnl_stream_wait(Dnnl.stream()), "stream_wait");
        }
    }
}
