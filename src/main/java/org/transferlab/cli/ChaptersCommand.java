package org.transferlab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.transferlab.chapters.Chapter;
import org.transferlab.chapters.ChapterView;
import org.transferlab.chapters.Chapters;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code transferlab chapters}: the chapter registry, with each chapter's views and what {@code train ID} accepts. */
@Command(name = "chapters", mixinStandardHelpOptions = true,
        description = "List the course's chapters: id, title, views (and the figures each exports) and the options of "
                + "`train ID`.")
final class ChaptersCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Chapter c : Chapters.all()) {
            out.printf("%s  %s%n    %s%n", c.id(), c.title(), c.subtitle());
            for (ChapterView v : c.views()) {
                out.printf("    view %-20s %s%s%n", v.id(), v.title(),
                        v.figures().isEmpty() ? "" : "  (exports " + String.join(", ", v.figures()) + ")");
            }
            Object cmd = c.trainCommand();
            if (cmd == null) {
                out.println("    train: none (it has no command-line run)");
            } else {
                String options = new CommandLine(cmd).getCommandSpec().options().stream()
                        .filter(o -> !o.usageHelp() && !o.versionHelp()).map(o -> o.longestName())
                        .collect(Collectors.joining(" "));
                out.printf("    train %s %s%n", c.id(), options);
            }
            out.println();
        }
        out.flush();
        return 0;
    }
}
