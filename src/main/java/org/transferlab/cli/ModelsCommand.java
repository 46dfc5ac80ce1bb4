package org.transferlab.cli;

import java.util.concurrent.Callable;
import org.transferlab.models.Architecture;
import org.transferlab.models.Network;
import org.transferlab.models.ModelZoo;
import picocli.CommandLine.Command;

/** Lists the model zoo: parameter counts, layers and attention points. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List the model zoo.")
final class ModelsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        for (String name : ModelZoo.names()) {
            Architecture a = ModelZoo.get(name);
            long params = Network.create(a, 10, 0).parameterCount();
            System.out.printf("%-11s %,9d parameters  %s%n", name, params, a.summary());
            for (String[] row : a.layerTable()) {
                System.out.printf("    %-10s %-34s %s%n", row[0], row[1], row[2]);
            }
        }
        return 0;
    }
}
