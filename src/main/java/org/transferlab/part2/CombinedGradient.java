package org.transferlab.part2;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.transferlab.nn.Floats;
import org.transferlab.nn.Parameter;

/**
 * Writes the multi-task update into every parameter's gradient: Σ_t w_t ∇L_t, or, for the shared parameters under
 * a {@link org.transferlab.weightings.GradientSurgery} (PCGrad), the direction it returned. Part 2 and chapter 4
 * both step along what this writes.
 */
public final class CombinedGradient {
    private final List<Parameter> all;
    private final Map<Parameter, Integer> sharedOffset = new IdentityHashMap<>();

    /** @param all every trainable parameter; {@code shared} in the order their gradients are flattened */
    public CombinedGradient(List<Parameter> all, List<Parameter> shared) {
        this.all = List.copyOf(all);
        int off = 0;
        for (Parameter p : shared) {
            sharedOffset.put(p, off);
            off += (int) p.value().length();
        }
    }

    /**
     * @param taskGrads       per task its gradients by parameter (absent: the parameter is not on its path)
     * @param weights         w_t
     * @param sharedDirection the shared parameters' flattened update, or null for Σ_t w_t ∇L_t there too
     */
    public void write(List<Map<Parameter, float[]>> taskGrads, double[] weights, double[] sharedDirection) {
        for (Parameter p : all) {
            float[] sum = new float[(int) p.value().length()];
            Integer at = sharedOffset.get(p);
            if (sharedDirection != null && at != null) {
                for (int k = 0; k < sum.length; k++) {
                    sum[k] = (float) sharedDirection[at + k];
                }
            } else {
                for (int t = 0; t < taskGrads.size(); t++) {
                    float[] g = taskGrads.get(t).get(p);
                    if (g != null) {
                        float w = (float) weights[t];
                        for (int k = 0; k < sum.length; k++) {
                            sum[k] += w * g[k];
                        }
                    }
                }
            }
            Floats.write(p.grad(), sum);
        }
    }
}
