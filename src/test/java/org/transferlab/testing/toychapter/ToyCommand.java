package org.transferlab.testing.toychapter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code train toy-line}: gradient descent on y = 2x + 1 from noisy points; writes a run folder. */
@Command(name = "toy-line", mixinStandardHelpOptions = true, description = "Fit a line by gradient descent.")
final class ToyCommand implements Callable<Integer> {
    @Option(names = "--epochs", defaultValue = "30")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.1")
    double lr;

    @Option(names = "--out", required = true)
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!(lr > 0) || lr > 1) {
            throw new IllegalArgumentException("--lr must be in (0, 1], got " + lr);
        }
        Files.createDirectories(out);
        int n = 40;
        double[] x = new double[n];
        double[] y = new double[n];
        Random r = new Random(0);
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() * 2 - 1;
            y[i] = 2 * x[i] + 1 + 0.05 * r.nextGaussian();
        }
        Files.writeString(out.resolve("config.json"), String.format(Locale.ROOT,
                "{\"chapter\": \"%s\", \"exercise\": \"%s\", \"lr\": %s, \"points\": %d, \"epochs\": %d, \"seed\": 0, "
                        + "\"train_size\": %d}", ToyChapter.ID, ToyChapter.ID, lr, n, epochs, n));
        StringBuilder metrics = new StringBuilder("kind,epoch,step,total,train_accuracy,test_accuracy\n");
        double a = 0;
        double b = 0;
        double loss = 0;
        double within = 0;
        for (int e = 1; e <= epochs; e++) {
            double ga = 0;
            double gb = 0;
            loss = 0;
            within = 0;
            for (int i = 0; i < n; i++) {
                double d = a * x[i] + b - y[i];
                loss += d * d / n;
                ga += 2 * d * x[i] / n;
                gb += 2 * d / n;
                within += Math.abs(d) < 0.2 ? 1.0 / n : 0;
            }
            a -= lr * ga;
            b -= lr * gb;
            metrics.append(String.format(Locale.ROOT, "epoch,%d,%d,%.6f,%.4f,%.4f%n", e, e, loss, within, within));
        }
        Files.writeString(out.resolve("metrics.csv"), metrics);
        Files.writeString(out.resolve("summary.json"), String.format(Locale.ROOT,
                "{\"status\": \"completed\", \"test_accuracy\": %.4f, \"a\": %.4f, \"b\": %.4f, \"seconds\": 0}",
                within, a, b));
        System.err.printf(Locale.ROOT, "fitted y = %.3f x + %.3f, squared error %.4f%n", a, b, loss);
        return 0;
    }
}
