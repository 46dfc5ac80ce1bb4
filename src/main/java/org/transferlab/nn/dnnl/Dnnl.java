package org.transferlab.nn.dnnl;

import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * oneDNN (the JavaCPP preset {@code org.bytedeco:dnnl}) called directly: whether its natives load here, the
 * one CPU engine and stream, and the helpers the primitives in this package share.
 *
 * <p>{@link #available()} is false (and {@link #unavailableReason()} says why) where the preset's natives are
 * not on the class path (every platform but Linux x86_64 in the default build), where they fail to load, on a
 * non-CPU ND4J backend (the arrays' memory must be host memory), or where the system property
 * {@value #PROPERTY} is {@code false}.
 */
public final class Dnnl {
    /** System property: {@code false} turns the direct oneDNN path off (the libnd4j path runs instead). */
    public static final String PROPERTY = "transferlab.dnnl";

    private static final Object LOCK = new Object();
    private static volatile Boolean loaded;
    private static String reason = "not tried yet";
    private static dnnl_engine engine;
    /** One stream per thread (oneDNN's streams are not thread-safe; primitives are). */
    private static final ThreadLocal<dnnl_stream> STREAM = ThreadLocal.withInitial(() -> {
        dnnl_stream s = new dnnl_stream();
        check(dnnl_stream_create(s, engine, dnnl_stream_default_flags), "stream_create");
        return s;
    });

    private Dnnl() {
    }

    /** Whether the direct path may be used: natives loaded, ND4J on the CPU, not switched off. */
    public static boolean available() {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
            return false;
        }
        return load();
    }

    /** Why {@link #available()} is false (or "loaded" when it is true). */
    public static String unavailableReason() {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
            return PROPERTY + "=false";
        }
        load();
        return reason;
    }

    private static boolean load() {
        Boolean b = loaded;
        if (b != null) {
            return b;
        }
        synchronized (LOCK) {
            if (loaded != null) {
                return loaded;
            }
            boolean ok = false;
            try {
                if (!Nd4j.getEnvironment().isCPU()) {
                    reason = "ND4J backend is not the CPU one";
                } else {
                    Loader.load(org.bytedeco.dnnl.global.dnnl.class);
                    dnnl_engine e = new dnnl_engine();
                    check(dnnl_engine_create(e, dnnl_cpu, 0), "engine_create");
                    engine = e;
                    STREAM.get();
                    ok = true;
                    reason = "loaded";
                }
            } catch (Throwable t) {
                reason = "oneDNN natives not loaded: " + t;
            }
            loaded = ok;
            return ok;
        }
    }

    static dnnl_engine engine() {
        if (!load()) {
            throw new IllegalStateException(reason);
        }
        return engine;
    }

    static dnnl_stream stream() {
        engine();
        return STREAM.get();
    }

    static void check(int status, String what) {
        if (status != dnnl_success) {
            throw new IllegalStateException("oneDNN " + what + " failed with status " + status);
        }
    }

    /** The implementation oneDNN chose for a primitive descriptor, e.g. {@code jit:avx512_core} or {@code gemm:jit}. */
    static String implInfo(dnnl_primitive_desc pd) {
        PointerPointer<BytePointer> out = new PointerPointer<>(1);
        check(dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, out), "query impl_info_str");
        return new BytePointer(out.get(0)).getString();
    }

    /** A raw address as a JavaCPP pointer (no ownership, no deallocator). */
    static Pointer address(long address) {
        return new Raw(address);
    }

    /**
     * The host address of the first element of {@code a}, which must be a plain (row-major, dense) float array
     * on the CPU backend; oneDNN reads and writes it in place, no copy.
     */
    static Pointer address(INDArray a) {
        if (a.dataType() != DataType.FLOAT || a.ordering() != 'c' || a.elementWiseStride() != 1) {
            throw new IllegalArgumentException("oneDNN needs a dense row-major float array, got " + a.shapeInfoToString());
        }
        return new Raw(a.data().address() + a.offset() * 4L);
    }

    private static final class Raw extends Pointer {
        Raw(long a) {
            address = a;
        }
    }
}
