package org.transferlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.transferlab.chapters.Chapter;
import org.transferlab.chapters.Chapters;
import org.transferlab.engine.RunRecorder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code train CHAPTER [options]}: each chapter's own command (added from the chapter registry), plus
 * {@code train --resume DIR} for a run folder of any chapter. The forms of earlier versions still work:
 * {@code train --method kd} and {@code train --exercise q2} are {@code train part1 …}, {@code --exercise mtl-q1}
 * is {@code train part2 …}, {@code train --chapter l2t …} is {@code train l2t …}.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train headless: `train CHAPTER [options]`, each chapter with its own options "
                + "(`train CHAPTER --help`; `transferlab chapters` lists them). Without a chapter the options are part "
                + "1's (`train --method kd` = `train part1 --method kd`), or part 2's for --exercise mtl-…",
                "`train --resume DIR` continues a stopped or interrupted run of any chapter from its last checkpoint."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--chapter", paramLabel = "ID",
            description = "the chapter to train, as `train ID` (kept from earlier versions)")
    String chapter;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "continue an interrupted run from its last checkpoint (its other options are read from the "
                    + "folder; --data-dir may point to the data again)")
    Path resume;

    @Unmatched
    List<String> rest = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String kernels = value(rest, "--kernels");
        if (resume != null) {
            if (kernels != null) {
                org.transferlab.nn.Kernels.choose(kernels);
            }
            String dataDir = value(rest, "--data-dir");
            return resume(resume, dataDir == null ? null : Path.of(dataDir));
        }
        Chapter c;
        if (chapter != null) {
            c = Chapters.find(chapter).orElseThrow(() -> new IllegalArgumentException("--chapter: unknown chapter '"
                    + chapter + "'; choose one of " + Chapters.training().stream().map(Chapter::id).toList()));
        } else {
            String exercise = value(rest, "--exercise");
            c = exercise == null ? Chapters.get("part1") : Chapters.ofRun("", exercise).orElse(Chapters.get("part1"));
        }
        Object command = c.trainCommand();
        if (command == null) {
            throw new IllegalArgumentException("chapter " + c.id() + " does not train from the command line; chapters "
                    + "that do: " + Chapters.training().stream().map(Chapter::id).toList());
        }
        return TransferLabCommand.configure(new CommandLine(command), spec.commandLine())
                .execute(rest.toArray(String[]::new));
    }

    /** {@code train --resume DIR}: the chapter that wrote the folder continues it. */
    static int resume(Path dir, Path dataDir) throws Exception {
        Path config = dir.resolve(RunRecorder.CONFIG);
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException("--resume: " + dir + " is not a TransferLab run folder (no config.json)");
        }
        // a damaged or foreign config.json is named in one line before anything trains
        Chapter chapter = RunRecorder.readSettings(config, c -> Chapters.ofRun(c.path("chapter").asText(""),
                // folders without a chapter that no chapter claims are part 1's oldest: its reader says what is wrong
                c.path("exercise").asText("")).orElse(Chapters.get("part1")));
        return chapter.resume(dir, dataDir);
    }

    /** The value of {@code --name V} or {@code --name=V} among {@code args}, or null. */
    static String value(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals(name) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return null;
    }
}
