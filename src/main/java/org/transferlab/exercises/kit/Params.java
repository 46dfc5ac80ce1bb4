package org.transferlab.exercises.kit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A model's parameters by name, e.g. {@code b1.conv.W}, {@code b1.bn.gamma} (BN shared) or {@code b1.bn2.gamma}
 * (task 2's own BN), {@code head1.W}. Remembers which ones the student's code asked for, so the checker can
 * say which part of the structure is missing.
 */
public final class Params {
    private final Map<String, SDVariable> byName;
    private final Set<String> used = new LinkedHashSet<>();

    public Params(Map<String, SDVariable> byName) {
        this.byName = new LinkedHashMap<>(byName);
    }

    /** The parameter called {@code name}; an unknown name fails with the list of names there are. */
    public SDVariable get(String name) {
        SDVariable v = byName.get(name);
        if (v == null) {
            throw new IllegalArgumentException("there is no parameter '" + name + "'; this model's parameters are "
                    + byName.keySet());
        }
        used.add(name);
        return v;
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(byName.keySet());
    }

    /** The names asked for so far. */
    public Set<String> used() {
        return Collections.unmodifiableSet(used);
    }
}
