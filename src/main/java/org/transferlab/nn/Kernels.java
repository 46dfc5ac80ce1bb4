package org.transferlab.nn;

import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which implementation runs the layers' element-wise and per-channel work (batch norm with ReLU, forward and
 * backward, and its running statistics; ReLU; global average pooling; dropout) and Adam's update.
 * Convolution, max pooling and matrix products are ND4J's native kernels under both; the losses are Java
 * under both.
 * <ul>
 *   <li>{@link #JAVA}: plain Java loops on host copies of the data. The default on the CPU, where they are
 *   faster (README, "Speed").</li>
 *   <li>{@link #ND4J}: ND4J ops end to end, so the data stays where ND4J keeps it (on CUDA: on the device,
 *   no copy to the host and back per layer). The default on CUDA.</li>
 * </ul>
 * One process-wide choice, read by each layer at its forward pass (its backward pass uses the same one):
 * {@link #use(Kernels)}, else the system property {@value #PROPERTY} ({@code java}, {@code nd4j} or
 * {@code auto}), else {@link #automatic()}. Set it before training starts, not during a step.
 */
public enum Kernels {
    JAVA, ND4J;

    /** System property naming the choice: java, nd4j or auto. */
    public static final String PROPERTY = "transferlab.kernels";

    private static volatile Kernels chosen;

    /** The kernels layers use from their next forward pass on. */
    public static Kernels current() {
        Kernels k = chosen;
        if (k == null) {
            k = parse(System.getProperty(PROPERTY, "auto"));
            chosen = k;
        }
        return k;
    }

    /** Chooses {@code kernels} for the whole process; {@code null} goes back to the property / automatic choice. */
    public static void use(Kernels kernels) {
        chosen = kernels;
    }

    /** ND4J's ops on CUDA (the data stays on the device), the Java kernels on the CPU (faster there). */
    public static Kernels automatic() {
        return Nd4j.getEnvironment().isCPU() ? JAVA : ND4J;
    }

    /** {@code java}, {@code nd4j} or {@code auto} (any case) to a choice; anything else is refused with the choices. */
    public static Kernels parse(String name) {
        Kernels k = byName(name);
        return k != null ? k : automatic();
    }

    /**
     * What {@code --kernels NAME} does: chooses {@code java}, {@code nd4j} or {@code auto} for this process and
     * for the processes it starts (the exercise sandbox), through the system property. Does not start ND4J.
     */
    public static void choose(String name) {
        Kernels k = byName(name);
        System.setProperty(PROPERTY, k == null ? "auto" : k.id());
        use(k);
    }

    /** The named kernels, or null for auto. */
    private static Kernels byName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "java" -> JAVA;
            case "nd4j" -> ND4J;
            case "auto", "" -> null;
            default -> throw new IllegalArgumentException("--kernels (or " + PROPERTY + ") must be java, nd4j or auto, not '"
                    + name + "'");
        };
    }

    /** Lower-case name, as typed on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
