package org.transferlab.finetune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.transferlab.models.Network;
import org.transferlab.nn.Parameter;

/**
 * What trains, layer by layer, and at what learning rate: the layer table of the chapter. A layer is a conv
 * layer with its batch norm ({@code g2_conv1}: {@code g2_conv1/W}, {@code /b}, {@code g2_conv1_bn/gamma},
 * {@code /beta}) or the head ({@code logits}). Each is frozen, patched (only its batch norm's γ and β train) or
 * trained, with a multiplier on the learning rate; a frozen parameter is never touched by the optimiser, so it
 * stays bit-identical.
 */
public final class LayerPlan {
    /** The head: always new and always trained. */
    public static final String HEAD = "logits";

    public enum Mode {
        FROZEN, PATCH, TRAIN;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One layer's row: its mode and learning-rate multiplier. */
    public record Layer(String name, Mode mode, double multiplier, long parameters, long trainable) {
    }

    private final Map<String, Mode> modes = new LinkedHashMap<>();
    private final Map<String, Double> multipliers = new LinkedHashMap<>();
    private final Map<String, List<Parameter>> byLayer = new LinkedHashMap<>();

    private LayerPlan(Network net) {
        for (Parameter p : net.parameters()) {
            byLayer.computeIfAbsent(layerOf(p.name()), k -> new ArrayList<>()).add(p);
        }
        if (!byLayer.containsKey(HEAD)) {
            throw new IllegalArgumentException(net.architecture().name() + " has no head named " + HEAD
                    + "; only the conv networks (cnn-small, cnn-large) can be fine-tuned here");
        }
    }

    /**
     * The layer table {@code strategy} gives the setting's network, before any run (the app's table): throws like
     * {@link #of} on a plan that cannot train.
     */
    public static List<Layer> preview(TargetTask task, Strategy strategy, double multiplier, Map<String, String> overrides) {
        Network net = Network.create(org.transferlab.models.ModelZoo.get(task.architecture()), task.targetClassCount(), 0);
        return of(net, strategy, multiplier, overrides).layers();
    }

    /** The layer a parameter belongs to: its name before the slash, a batch norm counted with its conv. */
    public static String layerOf(String parameter) {
        String layer = parameter.substring(0, parameter.indexOf('/') < 0 ? parameter.length() : parameter.indexOf('/'));
        return layer.endsWith("_bn") ? layer.substring(0, layer.length() - 3) : layer;
    }

    /**
     * The plan of {@code strategy} on {@code net}, pretrained layers at {@code multiplier} (for top-K and all),
     * then the per-layer {@code overrides} ({@code g1_conv1 → "frozen" | "patch" | "0.1"}); throws with one line
     * when K exceeds the network's conv layers, an override names no layer or nothing is left to train.
     */
    public static LayerPlan of(Network net, Strategy strategy, double multiplier, Map<String, String> overrides) {
        if (!(multiplier > 0) || multiplier > 10) {
            throw new IllegalArgumentException("--lr-multiplier must be in (0, 10] (0.1 is the usual advice), got "
                    + multiplier);
        }
        LayerPlan plan = new LayerPlan(net);
        List<String> convs = plan.convLayers();
        if (strategy.kind() == Strategy.Kind.TOP && strategy.k() > convs.size()) {
            throw new IllegalArgumentException("--strategy " + strategy.id() + ": " + net.architecture().name()
                    + " has only " + convs.size() + " conv layers (" + String.join(", ", convs) + "); use top-1 to top-"
                    + convs.size() + ", or all");
        }
        for (int i = 0; i < convs.size(); i++) {
            String l = convs.get(i);
            switch (strategy.kind()) {
                case SCRATCH -> plan.set(l, Mode.TRAIN, 1);
                case LINEAR_PROBE -> plan.set(l, Mode.FROZEN, 0);
                case TOP -> plan.set(l, i >= convs.size() - strategy.k() ? Mode.TRAIN : Mode.FROZEN,
                        i >= convs.size() - strategy.k() ? multiplier : 0);
                case ALL, LWF -> plan.set(l, Mode.TRAIN, multiplier);
                case BN_PATCH -> plan.set(l, Mode.PATCH, 1);
            }
        }
        plan.set(HEAD, Mode.TRAIN, 1);
        overrides.forEach(plan::override);
        if (plan.trainableParameters() == 0) {
            throw new IllegalArgumentException("nothing is left to train: every layer is frozen");
        }
        return plan;
    }

    private void override(String layer, String value) {
        if (!byLayer.containsKey(layer)) {
            throw new IllegalArgumentException("--layer " + layer + ": the network has no layer " + layer
                    + "; its layers are " + String.join(", ", byLayer.keySet()));
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "frozen" -> set(layer, Mode.FROZEN, 0);
            case "patch" -> set(layer, Mode.PATCH, multipliers.getOrDefault(layer, 1.0) > 0 ? multipliers.get(layer) : 1);
            default -> {
                double m;
                try {
                    m = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--layer " + layer + "=" + value
                            + ": give frozen, patch or a learning-rate multiplier such as 0.1");
                }
                if (!(m >= 0) || m > 10) {
                    throw new IllegalArgumentException("--layer " + layer + "=" + value
                            + ": the multiplier must be between 0 (frozen) and 10");
                }
                set(layer, m == 0 ? Mode.FROZEN : Mode.TRAIN, m);
            }
        }
    }

    private void set(String layer, Mode mode, double multiplier) {
        modes.put(layer, mode);
        multipliers.put(layer, mode == Mode.FROZEN ? 0 : multiplier);
    }

    /** The conv layers, input first (every layer but the head). */
    public List<String> convLayers() {
        return byLayer.keySet().stream().filter(l -> !l.equals(HEAD)).toList();
    }

    /** The learning-rate multiplier of one parameter; 0 when it is frozen. */
    public double multiplier(Parameter p) {
        String layer = layerOf(p.name());
        Mode m = modes.getOrDefault(layer, Mode.TRAIN);
        boolean batchNorm = p.name().endsWith("/gamma") || p.name().endsWith("/beta");
        return switch (m) {
            case FROZEN -> 0;
            case PATCH -> batchNorm ? multipliers.get(layer) : 0;
            case TRAIN -> multipliers.getOrDefault(layer, 1.0);
        };
    }

    /** The layer table: one row per layer, input first, with its own and its trainable parameter counts. */
    public List<Layer> layers() {
        List<Layer> out = new ArrayList<>();
        byLayer.forEach((l, ps) -> {
            long all = 0;
            long trainable = 0;
            for (Parameter p : ps) {
                all += p.value().length();
                trainable += multiplier(p) > 0 ? p.value().length() : 0;
            }
            out.add(new Layer(l, modes.getOrDefault(l, Mode.TRAIN), multipliers.getOrDefault(l, 1.0), all, trainable));
        });
        return out;
    }

    public long trainableParameters() {
        return layers().stream().mapToLong(Layer::trainable).sum();
    }

    public long totalParameters() {
        return layers().stream().mapToLong(Layer::parameters).sum();
    }

    /** The parameters of one layer. */
    public List<Parameter> parameters(String layer) {
        return byLayer.getOrDefault(layer, List.of());
    }

    /** {@code g1_conv1=frozen g2_conv1=0.1 …}: the plan in one line, for files and tables. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Layer l : layers()) {
            m.put(l.name(), l.mode() == Mode.FROZEN ? "frozen" : l.mode() == Mode.PATCH ? "patch×" + fmt(l.multiplier())
                    : "×" + fmt(l.multiplier()));
        }
        return m;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
