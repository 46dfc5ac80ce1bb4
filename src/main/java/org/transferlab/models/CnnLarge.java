package org.transferlab.models;

/** The curriculum's teacher: conv(32)×2, pool, conv(64)×2, pool, conv(128), GAP, dense 128→10. */
public final class CnnLarge extends ConvNet {
    public CnnLarge() {
        super(new int[]{32, 64, 128}, new int[]{2, 2, 1});
    }

    @Override
    public String name() {
        return "cnn-large";
    }

    @Override
    public String summary() {
        return "teacher CNN: 32-32 | 64-64 | 128 channels, BN, GAP";
    }
}
