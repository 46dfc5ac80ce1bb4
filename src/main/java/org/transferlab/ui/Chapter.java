package org.transferlab.ui;

import java.util.List;

/**
 * A chapter of the course as the app's shell shows it: listed on the left, it brings its own views (by id) to the
 * centre, its set-up to the left of them when it has one in the shared set-up panel, and its guide text to the
 * right. Compare runs and Export belong to every chapter.
 *
 * @param id         the chapter's id ({@code part1}, {@code part2}, {@code exercises})
 * @param title      its name in the list
 * @param subtitle   one line under the name
 * @param views      the ids of its views, in tab order (see {@link TransferLabApp#show(String)})
 * @param setupPanel whether the part-1 set-up panel is its set-up (the others carry theirs inside their view)
 * @param guide      whether the guide column shows its lesson text
 */
public record Chapter(String id, String title, String subtitle, List<String> views, boolean setupPanel,
                      boolean guide) {

    /** The shared view every chapter shows last. */
    public static final String COMPARE = "compare";

    /** The chapters of the course that TransferLab has, in the course's order. */
    public static List<Chapter> course() {
        return List.of(
                new Chapter("part1", "Part 1 · Learning from a teacher",
                        "knowledge distillation, attention transfer, FitNets, relational KD",
                        List.of("curves", "attention", "temperature", "anatomy", "relations", COMPARE), true, true),
                new Chapter("part2", "Part 2 · Multi-task learning",
                        "a shared trunk, batch norm per task, loss weighting",
                        List.of("multitask", COMPARE), false, true),
                new Chapter("finetune", "Chapter 3 · Transfer by weights",
                        "fine-tuning, linear probe, BN patch, how general features are",
                        java.util.stream.Stream.concat(FineTuneChapter.VIEWS.stream(), java.util.stream.Stream.of(COMPARE))
                                .toList(), false, true),
                new Chapter("multimnist", "Chapter 4 · Multi-task on one input",
                        "MultiMNIST, cross-stitch networks, MGDA-UB, PCGrad, the trade-off front",
                        List.of("multimnist", COMPARE), false, true),
                new Chapter("l2t", "Learning what and where to transfer",
                        "L2T-ww: meta-networks choose the pairs and channels to match",
                        List.of("l2t", "l2t-table", COMPARE), false, true),
                new Chapter("exercises", "Exercises · write it yourself",
                        "the losses and models in your own code, checked and trained",
                        List.of("exercises", COMPARE), false, false));
    }
}
