package org.transferlab.cli;

import org.transferlab.chapters.ProgressLine;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.transferlab.data.DataKind;
import org.transferlab.finetune.GeneralitySweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code generality}: Yosinski's AnB/BnB experiment on Fashion-MNIST's halves; an interrupted sweep continues. */
@Command(name = "generality", mixinStandardHelpOptions = true,
        description = "How general are the features: base networks on Fashion-MNIST classes 0-4 (A) and 5-9 (B), "
                + "then BnB, BnB+, AnB, AnB+ for n = 1..3 transferred conv layers of cnn-small, tested on B. Writes "
                + "generality.csv and generality.md into --out.")
final class GeneralityCommand implements Callable<Integer> {
    @Option(names = "--per-class", defaultValue = "500", description = "training images per class of each half (default: ${DEFAULT-VALUE})")
    int perClass;

    @Option(names = "--base-steps", defaultValue = "1500", description = "steps of each base network (default: ${DEFAULT-VALUE})")
    int baseSteps;

    @Option(names = "--steps", defaultValue = "600", description = "steps of each transferred network (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--seeds", split = ",", defaultValue = "0,1,2")
    List<Long> seeds;

    @Option(names = "--data", defaultValue = "auto")
    String data;

    @Option(names = "--out", required = true)
    Path out;

    @Override
    public Integer call() throws Exception {
        ProgressLine line = new ProgressLine(System.err);
        var points = GeneralitySweep.run(new GeneralitySweep.Plan(perClass, baseSteps, steps, seeds, DataKind.parse(data)), out,
                line::done, () -> false);
        String md = GeneralitySweep.markdown(points);
        var chart = org.transferlab.export.FineTuneFigures.generality(points);
        org.transferlab.export.Figures.write(chart, org.transferlab.export.Figures.Format.PNG, 1.5, out.resolve("generality.png"));
        org.transferlab.export.Figures.write(chart, org.transferlab.export.Figures.Format.SVG, 1, out.resolve("generality.svg"));
        org.transferlab.io.AtomicFiles.writeString(out.resolve("generality.md"), md);
        System.out.print(md);
        return 0;
    }
}
