package org.transferlab.transfer;

import java.util.List;

/**
 * The knobs of every transfer method: temperature T and α (KD); AT form, power p, β and layer pairs (AT).
 */
public record TransferSettings(double temperature, double alpha, AttentionTransfer.Form atForm, double atP,
                               double beta, List<String> pairs) {

    public static TransferSettings defaults() {
        return new TransferSettings(4.0, 0.5, AttentionTransfer.Form.TUTORIAL, 1.0, 1.0,
                List.of("group1", "group2", "group3"));
    }
}
