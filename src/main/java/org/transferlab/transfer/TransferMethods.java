package org.transferlab.transfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every transfer method, by id. The app, the CLI, scenarios, run folders and exports read this list; adding a
 * method is one class declaring its {@link TransferMethod} and one line here.
 */
public final class TransferMethods {
    private static final Map<String, TransferMethod> METHODS = new LinkedHashMap<>();

    static {
        register(CrossEntropy.METHOD);
        register(KnowledgeDistillation.METHOD);
        register(AttentionTransfer.METHOD);
        register(FitNets.METHOD);
        register(RelationalKd.METHOD);
        register(Vid.METHOD);
        register(Crd.METHOD);
        register(JacobianMatching.METHOD);
    }

    private TransferMethods() {
    }

    private static void register(TransferMethod m) {
        if (METHODS.put(m.id(), m) != null) {
            throw new IllegalStateException("two transfer methods are called " + m.id());
        }
    }

    /** Every method, cross-entropy first, in registration order. */
    public static List<TransferMethod> all() {
        return List.copyOf(METHODS.values());
    }

    /** The methods a student can add to cross-entropy (every method but {@code ce}). */
    public static List<TransferMethod> transfer() {
        return METHODS.values().stream().filter(m -> !m.id().equals(CrossEntropy.ID)).toList();
    }

    public static List<String> ids() {
        return List.copyOf(METHODS.keySet());
    }

    public static TransferMethod get(String id) {
        TransferMethod m = METHODS.get(id);
        if (m == null) {
            throw new IllegalArgumentException("unknown transfer method '" + id + "'; choose one of " + ids());
        }
        return m;
    }

    /**
     * The method ids in {@code text} ("kd,at", "ce"), checked, in registry order, without {@code ce} (cross-
     * entropy is always part of a student's loss): {@code ce} alone is the baseline.
     */
    public static List<String> parse(String text) {
        List<String> wanted = new ArrayList<>();
        for (String s : text.split("[,+]")) {
            String id = s.trim().toLowerCase(java.util.Locale.ROOT);
            if (!id.isEmpty()) {
                get(id);
                wanted.add(id);
            }
        }
        return ordered(wanted);
    }

    /** {@code ids} without {@code ce} and duplicates, in registry order. */
    public static List<String> ordered(java.util.Collection<String> ids) {
        ids.forEach(TransferMethods::get);
        return METHODS.keySet().stream().filter(ids::contains).filter(id -> !id.equals(CrossEntropy.ID)).toList();
    }

    /**
     * The label a chart shows for a loss key ({@code loss/kd} → "KD", {@code loss/rkd/angle} → "RKD angle",
     * {@code loss/at/group1} → "AT group1"): the registered component's label, else the key in capitals.
     */
    public static String label(String key) {
        String id = key.startsWith("loss/") ? key.substring(5) : key;
        TransferMethod.Component c = component(id);
        if (c != null) {
            return c.label();
        }
        int slash = id.indexOf('/');
        if (slash > 0) {
            return label(id.substring(0, slash)) + " " + id.substring(slash + 1);
        }
        return id.toUpperCase(java.util.Locale.ROOT);
    }

    private static TransferMethod.Component component(String id) {
        for (TransferMethod m : METHODS.values()) {
            for (TransferMethod.Component c : m.components()) {
                if (c.id().equals(id)) {
                    return c;
                }
            }
        }
        return null;
    }

    /**
     * Whether a loss key is a part that does not depend on the student ({@code loss/kd/entropy}, the teacher's
     * entropy inside KD): a constant the loss anatomy states apart rather than stacks.
     */
    public static boolean isConstant(String key) {
        TransferMethod.Component c = component(key.startsWith("loss/") ? key.substring(5) : key);
        return c != null && c.constant();
    }

    /** Whether a loss key is a part of a term shown on its own ({@code loss/at/group1}), not a term ({@code loss/at}). */
    public static boolean isPart(String key) {
        return key.indexOf('/', "loss/".length()) >= 0;
    }

    /**
     * The keys a stacked chart of weighted terms shows: each term, or its parts where it reports parts (AT's
     * pairs, RKD's distance and angle, KD's KL divergence), whose weighted values add up to the term's but for
     * the constant parts ({@link #isConstant}: KD's teacher entropy), which are left out to be stated apart.
     */
    public static java.util.List<String> stackKeys(java.util.Collection<String> keys) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String k : keys) {
            boolean part = isPart(k);
            boolean hasParts = keys.stream().anyMatch(o -> o.startsWith(k + "/"));
            if ((part || !hasParts) && !isConstant(k)) {
                out.add(k);
            }
        }
        return out;
    }

    /** The constant parts among {@code keys} ({@link #isConstant}), for the anatomy to state apart. */
    public static java.util.List<String> constantKeys(java.util.Collection<String> keys) {
        return keys.stream().filter(TransferMethods::isConstant).toList();
    }

    public static TransferTerm create(String id, TransferSettings settings) {
        return get(id).create(settings);
    }
}
