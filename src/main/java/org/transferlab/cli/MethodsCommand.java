package org.transferlab.cli;

import java.util.concurrent.Callable;
import org.transferlab.weightings.WeightingMethod;
import org.transferlab.weightings.Weightings;
import org.transferlab.transfer.Setting;
import org.transferlab.transfer.TransferMethod;
import org.transferlab.transfer.TransferMethods;
import picocli.CommandLine.Command;

/** Prints the transfer-method registry: what {@code train --method} and {@code --set} accept. */
@Command(name = "methods", mixinStandardHelpOptions = true,
        description = "List the transfer methods and the multi-task loss weightings with their settings (defaults and ranges), loss components and citation, and the models.")
final class MethodsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        StringBuilder out = new StringBuilder();
        for (TransferMethod m : TransferMethods.all()) {
            out.append(m.id()).append("  ").append(m.name()).append('\n');
            out.append("    ").append(m.summary()).append('\n');
            out.append("    ").append(m.citation()).append('\n');
            out.append("    reads: ").append(String.join(", ", m.needs())).append('\n');
            out.append("    loss components: ").append(String.join(", ", m.components().stream()
                    .map(c -> c.id() + (c.inTotal() ? "" : " (a part of it, shown on its own)")).toList())).append('\n');
            if (m.settings().isEmpty()) {
                out.append("    no settings\n");
            }
            for (Setting s : m.settings()) {
                out.append(String.format("    --set %-24s default %-22s %s%n", m.id() + "." + s.key() + "=",
                        Setting.format(s.defaultValue()) + (s.unit().isEmpty() ? "" : " " + s.unit()), s.range()));
                out.append(String.format("          %s%n", s.description()));
            }
            out.append('\n');
        }
        out.append("Combine them with train --method ID[,ID...] (e.g. --method kd,rkd); ce alone is the baseline.\n");
        out.append("Multi-task loss weightings (part 2: train --exercise mtl-… --weighting ID; chapter 4: train --chapter "
                + "multimnist --weighting ID):\n\n");
        for (WeightingMethod w : Weightings.all()) {
            out.append(w.id()).append("  ").append(w.name()).append("  (").append(w.citation()).append(")\n");
            out.append("    ").append(w.summary()).append('\n');
            if (w.needs() != WeightingMethod.Needs.NOTHING) {
                out.append("    needs ").append(w.needs().words())
                        .append(w.worksWithSeparateInputs() ? "" : " (chapter 4 only)").append('\n');
            }
            for (Setting s : w.settings()) {
                out.append(String.format("    --%-28s default %-22s %s%n", s.key() + " VALUE",
                        Setting.format(s.defaultValue()), s.range()));
                out.append(String.format("          %s%n", s.description()));
            }
        }
        out.append('\n');
        out.append("Models (--teacher, --student): ").append(String.join(", ", org.transferlab.models.ModelZoo.names()))
                .append("; `transferlab models` prints their layer tables.\n");
        System.out.print(out);
        return 0;
    }
}
