package org.transferlab.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The class loader ND4J finds its backends through, minus the CUDA backend: every class is its parent's,
 * but the service files that list ND4J backends come back without the CUDA entry, so ND4J loads the CPU
 * backend. ND4J picks backends by priority (CUDA first) and offers no switch but environment variables, which
 * a running program cannot set.
 */
final class WithoutCudaBackend extends ClassLoader {
    static final String SERVICES = "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend";
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.";

    WithoutCudaBackend(ClassLoader parent) {
        super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> all = super.getResources(name);
        if (!SERVICES.equals(name)) {
            return all;
        }
        List<URL> kept = new ArrayList<>();
        for (URL u : Collections.list(all)) {
            String text;
            try (InputStream in = u.openStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String without = text.lines().filter(l -> !l.trim().startsWith(CUDA_BACKEND))
                    .collect(Collectors.joining("\n", "", "\n"));
            kept.add(without.equals(text) ? u : inMemory(without));
        }
        return Collections.enumeration(kept);
    }

    private static URL inMemory(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new URL("transferlab-services", "", -1, "/" + SERVICES, new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL u) {
                return new URLConnection(u) {
                    @Override
                    public void connect() {
                    }

                    @Override
                    public InputStream getInputStream() {
                        return new ByteArrayInputStream(bytes);
                    }
                };
            }
        });
    }
}
