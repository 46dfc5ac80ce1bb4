package org.transferlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4jBackend;

/** The capability gate as a pure decision, the plan Backend makes from it, and how it keeps ND4J off CUDA. */
class GpuSupportTest {

    @Test
    void supportedCapabilitiesRunTheBundledNatives() {
        GpuSupport.Decision a100 = GpuSupport.decide("NVIDIA A100-SXM4-40GB", 8, 0);
        assertTrue(a100.usable());
        assertEquals("NVIDIA A100-SXM4-40GB (compute capability 8.0)", a100.message());
        assertTrue(GpuSupport.decide("NVIDIA GeForce RTX 3090", 8, 6).usable());
        // binary compatibility within a major version: Ada (8.9) runs the 8.6 code, Xavier (7.2) the 7.0 code
        GpuSupport.Decision ada = GpuSupport.decide("NVIDIA GeForce RTX 4090", 8, 9);
        assertTrue(ada.usable());
        assertTrue(ada.message().contains("running the natives' code for 8.6"), ada.message());
        assertTrue(GpuSupport.decide("Xavier", 7, 2).usable());
        assertTrue(GpuSupport.decide("Tesla K80", 3, 7).usable());
    }

    @Test
    void hopperAndNewerAreRefusedInOneSentence() {
        GpuSupport.Decision h200 = GpuSupport.decide("NVIDIA H200", 9, 0);
        assertFalse(h200.usable());
        assertEquals("NVIDIA H200 has compute capability 9.0, newer than the bundled ND4J CUDA 11.6 natives support "
                + "(machine code for 3.7 to 8.6, no PTX to compile for newer GPUs), so TransferLab trains on the CPU.",
                h200.message());
        assertFalse(GpuSupport.decide("NVIDIA B200", 10, 0).usable());
        assertFalse(GpuSupport.decide("NVIDIA GeForce RTX 5090", 12, 0).usable());
    }

    @Test
    void olderThanKeplerK80IsRefused() {
        GpuSupport.Decision old = GpuSupport.decide("GeForce GTX 680", 3, 0);
        assertFalse(old.usable());
        assertTrue(old.message().contains("compute capability 3.0, older than"), old.message());
        assertTrue(old.message().endsWith("so TransferLab trains on the CPU."), old.message());
        assertFalse(GpuSupport.decide("Tesla K40", 3, 5).usable());
        assertFalse(GpuSupport.decide(null, 2, 1).usable());
        assertTrue(GpuSupport.decide("", 2, 1).message().startsWith("the NVIDIA GPU has compute capability 2.1"));
    }

    @Test
    void oneUnusableDeviceDecidesForAll() {
        var a100 = new GpuSupport.Device("NVIDIA A100", 8, 0);
        var h100 = new GpuSupport.Device("NVIDIA H100", 9, 0);
        assertFalse(GpuSupport.decide(List.of(a100, h100)).usable());
        assertTrue(GpuSupport.decide(List.of(a100, a100)).message().endsWith("and 1 more GPU"));
    }

    @Test
    void backendPlanKeepsNd4jOffGpusItCannotRun() {
        var h200 = new CudaProbe.Result(List.of(new GpuSupport.Device("NVIDIA H200", 9, 0)), null, false);
        var a100 = new CudaProbe.Result(List.of(new GpuSupport.Device("NVIDIA A100", 8, 0)), null, false);
        // the default build: no CUDA backend, nothing to decide
        assertEquals(new Backend.Plan(false, null, null), Backend.plan(false, "auto", null));
        Backend.Plan refuse = Backend.plan(true, "auto", h200);
        assertTrue(refuse.hideCuda());
        assertEquals(GpuSupport.decide("NVIDIA H200", 9, 0).message(), refuse.notice());
        Backend.Plan use = Backend.plan(true, "auto", a100);
        assertFalse(use.hideCuda());
        assertNull(use.notice());
        assertEquals("NVIDIA A100 (compute capability 8.0)", use.gpu());
        assertTrue(Backend.plan(true, "CPU", null).hideCuda());
        Backend.Plan silent = Backend.plan(true, "auto", new CudaProbe.Result(List.of(), "no answer within 60 s", true));
        assertTrue(silent.hideCuda());
        assertTrue(silent.notice().contains("did not answer"), silent.notice());
        Backend.Plan none = Backend.plan(true, "auto", CudaProbe.Result.failed("UnsatisfiedLinkError: no cudart"));
        assertTrue(none.hideCuda());
        assertTrue(none.notice().contains("no usable GPU (UnsatisfiedLinkError: no cudart)"), none.notice());
    }

    /** Without the cuda profile the probe finds no CUDA runtime to ask, and says so instead of failing. */
    @Test
    void probeWithoutCudaRuntimeReportsWhy() {
        CudaProbe.Result r = CudaProbe.run(30);
        assertTrue(r.devices().isEmpty());
        assertFalse(r.timedOut());
        assertTrue(r.failure().contains("ClassNotFoundException"), r.failure());
    }

    /** A service file listing the CUDA backend first (as with the cuda profile): ND4J sees only the CPU one. */
    @Test
    void hiddenCudaBackendLeavesTheCpuBackend(@TempDir Path dir) throws Exception {
        Path services = dir.resolve(WithoutCudaBackend.SERVICES);
        Files.createDirectories(services.getParent());
        Files.writeString(services, "# cuda\norg.nd4j.linalg.jcublas.JCublasBackend\n");
        ClassLoader withCuda = new java.net.URLClassLoader(new java.net.URL[]{dir.toUri().toURL()},
                getClass().getClassLoader());
        List<String> found = new ArrayList<>();
        for (Nd4jBackend b : ServiceLoader.load(Nd4jBackend.class, new WithoutCudaBackend(withCuda))) {
            found.add(b.getClass().getName());
        }
        assertEquals(List.of("org.nd4j.linalg.cpu.nativecpu.CpuBackend"), found);
    }
}
