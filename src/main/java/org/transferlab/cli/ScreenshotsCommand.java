package org.transferlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.transferlab.ui.Screenshots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Renders the README's screenshots from short real runs (needs a display, e.g. xvfb-run). */
@Command(name = "screenshots", mixinStandardHelpOptions = true,
        description = "Open the window, train Q1, Q2, Q3 and A1 briefly on the embedded data, and save every view "
                + "as PNG. Needs a display: xvfb-run -a -s \"-screen 0 1600x1000x24\" java -jar target/transferlab.jar screenshots")
final class ScreenshotsCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "docs/screenshots", description = "folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--epochs", defaultValue = "20", description = "epochs per run (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--chapter", paramLabel = "multimnist|l2t|shell|classroom|workspace|dark-knowledge|forgetting|learned",
            description = "take only that chapter's screenshots (shell: the toolbar following part 2, chapter 3 and L2T "
                    + "runs, and Compare runs with the three; classroom: what a walk-through in class checks, "
                    + "screenshots 26-31; workspace: the classroom layouts live, a tile in its own window, a saved "
                    + "100-epoch run at epochs 10 and 100, screenshots 33-40; dark-knowledge: the digit never shown trained "
                    + "from the chapter's screen, screenshots 41-42; forgetting: chapter 3's fine-tune all against LwF, "
                    + "screenshot 43; learned: part 1's Learned view after a VID run, screenshot 44)")
    String chapter;

    /** What {@code --chapter} can name. */
    static final java.util.List<String> CHAPTERS = java.util.List.of("multimnist", "l2t", "shell", "classroom",
            "workspace", "dark-knowledge", "forgetting", "learned");

    @Option(names = "--size", paramLabel = "WIDTHxHEIGHT", description = "the window's size, e.g. 1280x720: one image "
            + "per chapter and classroom layout, every view checked for cut text (with --projector: in projector mode;"
            + " exit code 3 when anything does not fit; the display"
            + " must be at least as large: xvfb-run -s \"-screen 0 1920x1080x24\")")
    String size;

    @Option(names = "--projector", description = "projector mode: one image per chapter and per classroom layout, and "
            + "every view checked for cut text and controls past the window's edge (exit code 3 when any)")
    boolean projector;

    @Override
    public Integer call() throws Exception {
        if (projector || size != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{3,5})x(\\d{3,5})")
                    .matcher(size == null ? "1280x720" : size);
            if (!m.matches()) {
                throw new IllegalArgumentException("--size: WIDTHxHEIGHT in pixels, e.g. 1280x720, not '" + size + "'");
            }
            if (chapter != null) {
                throw new IllegalArgumentException("--size checks every chapter: leave out --chapter");
            }
            return Screenshots.fit(out, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), projector);
        }
        if (chapter != null && !CHAPTERS.contains(chapter)) {
            throw new IllegalArgumentException("--chapter: only these screenshots can be taken alone: "
                    + String.join(", ", CHAPTERS) + "; not '" + chapter + "'");
        }
        return Screenshots.run(out, epochs, chapter);
    }
}
