package org.transferlab.nn;

/** What every layer shares: its name (parameters are named after it). */
abstract class NamedLayer implements Layer {
    private final String name;

    NamedLayer(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }
}
