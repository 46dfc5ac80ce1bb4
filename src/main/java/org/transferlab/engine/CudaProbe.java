package org.transferlab.engine;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the CUDA runtime which GPUs there are and their compute capabilities, before ND4J loads, through the
 * same JavaCPP bindings ND4J's CUDA backend checks the device count with ({@code org.bytedeco.cuda}, on the
 * class path with the {@code cuda} profile), called by reflection so the default build needs none of it.
 * It launches no kernel. The query runs on its own daemon thread: a driver that does not answer makes it
 * time out instead of hanging the program.
 */
final class CudaProbe {
    /** What the probe found: the devices, or why there are none. */
    record Result(List<GpuSupport.Device> devices, String failure, boolean timedOut) {
        static Result failed(String why) {
            return new Result(List.of(), why, false);
        }
    }

    private static final int ATTRIBUTE_MAJOR = 75; // cudaDevAttrComputeCapabilityMajor
    private static final int ATTRIBUTE_MINOR = 76; // cudaDevAttrComputeCapabilityMinor

    private CudaProbe() {
    }

    static Result run(long timeoutSeconds) {
        CompletableFuture<Result> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(query());
            } catch (Throwable e) { // no CUDA runtime, no driver, bindings not as expected: ND4J would fail too
                String why = String.valueOf(e.getMessage());
                int cut = why.indexOf(" in java.library.path");
                f.complete(Result.failed(e.getClass().getSimpleName() + ": " + (cut > 0 ? why.substring(0, cut) : why)));
            }
        }, "transferlab-cuda-probe");
        t.setDaemon(true);
        t.start();
        try {
            return f.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return new Result(List.of(), "no answer within " + timeoutSeconds + " s", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("interrupted");
        } catch (ExecutionException e) {
            return Result.failed(String.valueOf(e.getCause()));
        }
    }

    private static Result query() throws ReflectiveOperationException {
        Class<?> cudart = Class.forName("org.bytedeco.cuda.global.cudart");
        int[] count = new int[1];
        int rc = (int) cudart.getMethod("cudaGetDeviceCount", int[].class).invoke(null, (Object) count);
        if (rc != 0) {
            return Result.failed("cudaGetDeviceCount returned error " + rc);
        }
        Method attribute = cudart.getMethod("cudaDeviceGetAttribute", int[].class, int.class, int.class);
        Class<?> propClass = Class.forName("org.bytedeco.cuda.cudart.cudaDeviceProp");
        Method properties = cudart.getMethod("cudaGetDeviceProperties", propClass, int.class);
        List<GpuSupport.Device> devices = new ArrayList<>();
        for (int i = 0; i < count[0]; i++) {
            int[] major = new int[1];
            int[] minor = new int[1];
            attribute.invoke(null, major, ATTRIBUTE_MAJOR, i);
            attribute.invoke(null, minor, ATTRIBUTE_MINOR, i);
            String name = "GPU " + i;
            Object prop = propClass.getConstructor().newInstance();
            if ((int) properties.invoke(null, prop, i) == 0) {
                Object pointer = propClass.getMethod("name").invoke(prop);
                name = (String) pointer.getClass().getMethod("getString").invoke(pointer);
            }
            devices.add(new GpuSupport.Device(name, major[0], minor[0]));
        }
        return new Result(devices, devices.isEmpty() ? "no CUDA device" : null, false);
    }
}
