package org.transferlab.multimnist;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.transferlab.chapters.Chapter;
import org.transferlab.chapters.ChapterView;
import org.transferlab.chapters.RunDescription;

/** Chapter 4 · multi-task learning on one input: MultiMNIST, hard sharing, cross-stitch, MGDA-UB, PCGrad. */
public final class MultiMnistChapter implements Chapter {
    public static final String ID = "multimnist";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Chapter 4 · Multi-task on one input";
    }

    @Override
    public String subtitle() {
        return "MultiMNIST, cross-stitch networks, MGDA-UB, PCGrad, the trade-off front";
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public List<ChapterView> views() {
        return List.of(ChapterView.of("multimnist", "MultiMNIST", "task-losses", "task-weights", "task-accuracy",
                "gradient-conflict", "cross-stitch-alpha"));
    }

    @Override
    public boolean ownsRun(String chapterField, String exerciseField) {
        return chapterField.equals(ID) || exerciseField.equals(ID);
    }

    @Override
    public Object trainCommand() {
        return new MultiMnistCommand();
    }

    @Override
    public int resume(Path dir, Path dataDir) throws Exception {
        return MultiMnistConsole.resume(dir);
    }

    @Override
    public org.transferlab.engine.RunSkeleton<?, ?> again(JsonNode config, Path dir) throws java.io.IOException {
        return new MultiMnistRun(MultiMnistRecorder.settings(config)).outputDir(dir)
                .addListener(new MultiMnistRecorder(dir)).addListener(new MultiMnistConsole());
    }

    @Override
    public List<String> notebookSources(JsonNode config) { // the run, the data, and the architecture that learned
        return List.of("org/transferlab/multimnist/MultiMnistRun.java", "org/transferlab/data/MultiMnist.java",
                config.path("architecture").asText().equals("cross-stitch")
                        ? "org/transferlab/models/CrossStitchNetwork.java" : "org/transferlab/models/MultiTaskNetwork.java");
    }

    @Override
    public List<String> exerciseCards(JsonNode config) {
        return List.of("cross-stitch");
    }

    @Override
    public RunDescription describe(JsonNode c) {
        List<String> tasks = new ArrayList<>();
        c.path("tasks").forEach(t -> tasks.add(t.asText()));
        return new RunDescription(c.path("label").asText(ID), List.of(),
                RunDescription.fields(c, "architecture", "weighting", "task_ids", "jitter", "widths"),
                c.path("architecture").asText("?"), tasks, "epoch");
    }
}
