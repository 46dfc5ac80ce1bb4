package org.transferlab.darkknowledge;

import java.util.List;
import org.transferlab.engine.RunResult;

/**
 * How a dark-knowledge run ended and what each network scored on the test digits.
 *
 * @param networks      each trained network's test scores, in training order
 * @param ensembles     BAN: the ensembles of generations 1..k (k ≥ 2), else empty
 * @param sweeps        omitted: the output-bias sweep of each student on the validation digits, else empty
 * @param teacherOutputs the teacher's probabilities at T = 1 and T = the run's for one test image of digit
 *                      {@code omit[0]}, or null
 */
public record DarkKnowledgeResult(RunResult.Status status, String message, List<Score> networks,
                                  List<Score> ensembles, List<Sweep> sweeps, TeacherOutputs teacherOutputs,
                                  long steps, double seconds) {

    /**
     * One network's (or ensemble's) test scores: errors, accuracy, per-digit accuracy and the confusion matrix
     * (rows: true digit, columns: predicted); with the chosen output bias too where the run chose one.
     */
    public record Score(String name, String title, int testErrors, double testAccuracy, double[] perClass,
                        int[][] confusion, double bias, int testErrorsBiased, double testAccuracyBiased,
                        double[] perClassBiased) {
        public Score withBias(double b, int errors, double accuracy, double[] perClassB) {
            return new Score(name, title, testErrors, testAccuracy, perClass, confusion, b, errors, accuracy, perClassB);
        }
    }

    /** The bias sweep of one student on the validation digits, and the bias it chose. */
    public record Sweep(String network, List<BiasSweep.Point> points, double chosen) {
    }

    /** The teacher's softmax at T = 1 and at T for test image {@code index} (digit {@code digit}). */
    public record TeacherOutputs(int index, int digit, double temperature, double[] atOne, double[] atT) {
    }

    public Score score(String name) {
        return networks.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }
}
