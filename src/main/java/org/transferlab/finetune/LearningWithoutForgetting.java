package org.transferlab.finetune;

import org.transferlab.transfer.KnowledgeDistillation;

/**
 * Learning without forgetting (Li and Hoiem, ECCV 2016; TPAMI 2017): the old task's term of the loss.
 *
 * <p>Before training, the source network answers once on every target training image; its logits {@code r} are
 * recorded. While the network fine-tunes for the target (a new head, cross-entropy on the target's labels), the
 * source's head is kept and trained too, so that its logits {@code z} on the same images keep giving the
 * recorded answers:
 *
 * <pre>
 *   p = softmax(r / T)     recorded, no gradient
 *   q = softmax(z / T)     the old head now
 *   L_old = (1/N) Σ_n − Σ_i p[n,i] · log q[n,i]         (the paper's "modified cross-entropy")
 *   L = CE(y, new head) + λ_o · L_old
 * </pre>
 *
 * with {@code ∂L_old/∂z[n,i] = (q[n,i] − p[n,i]) / (N·T)}: the softened cross-entropy of knowledge distillation,
 * reused from {@link KnowledgeDistillation#term}. The paper's defaults are T = 2 and λ_o = 1, with no T² factor
 * (KD's α·T² at T = 2 would be λ_o = 4). L_old = KL(p ‖ q) + H(p): the KL divergence, which is 0 when the head
 * answers as recorded, plus the recorded answers' entropy, a constant; {@link #kl} gives the first alone.
 */
public final class LearningWithoutForgetting {
    private LearningWithoutForgetting() {
    }

    /**
     * λ_o · L_old for row-major logits [N·K] of the old head ({@code old}) and the recorded ones; adds
     * {@code ∂(λ_o·L_old)/∂old} to {@code grad} (null: no gradient).
     */
    public static double term(double[] old, double[] recorded, int classes, double temperature, double lambda,
                              double[] grad) {
        if (old.length != recorded.length || classes < 1 || old.length % classes != 0) {
            throw new IllegalArgumentException("LwF: " + old.length + " old-head logits against " + recorded.length
                    + " recorded ones, " + classes + " classes");
        }
        return lambda * KnowledgeDistillation.term(old, recorded, classes, temperature, lambda, grad);
    }

    /** KL(softmax(r/T) ‖ softmax(z/T)), batch mean: how far the old head's answers are from the recorded ones. */
    public static double kl(double[] old, double[] recorded, int classes, double temperature) {
        return KnowledgeDistillation.term(old, recorded, classes, temperature, 0, null)
                - KnowledgeDistillation.teacherEntropy(recorded, classes, temperature);
    }

    /** Columns {@code from} .. {@code from + k − 1} of a row-major [N·width] matrix, as [N·k]. */
    static double[] columns(double[] m, int width, int from, int k) {
        int n = m.length / width;
        double[] out = new double[n * k];
        for (int r = 0; r < n; r++) {
            System.arraycopy(m, r * width + from, out, r * k, k);
        }
        return out;
    }

    /** Adds a row-major [N·k] matrix into columns {@code from} .. of a row-major [N·width] one. */
    static void addColumns(double[] into, int width, int from, double[] part, int k) {
        int n = part.length / k;
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < k; i++) {
                into[r * width + from + i] += part[r * k + i];
            }
        }
    }
}
