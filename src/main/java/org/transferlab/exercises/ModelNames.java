package org.transferlab.exercises;

import java.util.LinkedHashMap;
import java.util.Map;
import org.transferlab.models.MultiTaskNetwork;
import org.transferlab.nn.Parameter;

/**
 * The names part-2 model cards give the engine's {@link MultiTaskNetwork} parameters: {@code b1.conv.W},
 * {@code b1.conv.b}, {@code b1.bn.gamma} (BN shared) or {@code b1.bn1.gamma}/{@code b1.bn2.gamma} (BN per
 * task), …, {@code head1.W}, {@code head1.b}, {@code head2.W}, {@code head2.b}.
 */
public final class ModelNames {
    private ModelNames() {
    }

    /** Card name → the network's parameter, in the network's order. */
    public static Map<String, Parameter> of(MultiTaskNetwork net) {
        Map<String, Parameter> m = new LinkedHashMap<>();
        for (Parameter p : net.parameters()) {
            m.put(cardName(p.name()), p);
        }
        return m;
    }

    /** e.g. {@code shared/b2_conv/W} → {@code b2.conv.W}, {@code t2/b1_bn/gamma} → {@code b1.bn2.gamma}. */
    public static String cardName(String engineName) {
        String[] parts = engineName.split("/");
        String scope = parts[0];
        String layer = parts[1];
        String param = parts[2];
        String task = scope.startsWith("t") ? scope.substring(1) : "";
        if (layer.equals("logits")) {
            return "head" + task + "." + param;
        }
        String[] bl = layer.split("_");
        String kind = bl[1].equals("bn") ? "bn" + task : bl[1];
        return bl[0] + "." + kind + "." + param;
    }
}
