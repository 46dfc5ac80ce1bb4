package org.transferlab.models;

/** The curriculum's student: conv(8), pool, conv(16), pool, conv(32), GAP, dense 32→10. */
public final class CnnSmall extends ConvNet {
    public CnnSmall() {
        super(new int[]{8, 16, 32}, new int[]{1, 1, 1});
    }

    @Override
    public String name() {
        return "cnn-small";
    }

    @Override
    public String summary() {
        return "student CNN: 8 | 16 | 32 channels, BN, GAP";
    }
}
