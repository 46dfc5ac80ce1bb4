package org.transferlab.part2;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.transferlab.chapters.Chapter;
import org.transferlab.chapters.ChapterView;
import org.transferlab.chapters.RunDescription;

/** Part 2 · multi-task learning: two tasks with their own images, a shared trunk, batch norm per task, weightings. */
public final class Part2Chapter implements Chapter {
    public static final String ID = "part2";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Part 2 · Multi-task learning";
    }

    @Override
    public String subtitle() {
        return "a shared trunk, batch norm per task, loss weighting";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<ChapterView> views() {
        return List.of(ChapterView.of("multitask", "Multi-task (part 2)", "task-losses", "task-weights", "task-accuracy",
                "gradient-conflict", "structures"));
    }

    @Override
    public boolean ownsRun(String chapterField, String exerciseField) {
        return chapterField.equals(ID) || chapterField.isEmpty() && MultiTaskExercise.isMultiTask(exerciseField);
    }

    @Override
    public Object trainCommand() {
        return new Part2Command();
    }

    @Override
    public int resume(Path dir, Path dataDir) throws Exception {
        return MultiTaskConsole.resume(dir, dataDir);
    }

    @Override
    public org.transferlab.engine.RunSkeleton<?, ?> again(JsonNode config, Path dir) throws java.io.IOException {
        return new MultiTaskRun(MultiTaskRecorder.settings(config, null)).outputDir(dir)
                .addListener(new MultiTaskRecorder(dir)).addListener(new MultiTaskConsole());
    }

    @Override
    public List<String> notebookSources(JsonNode config) {
        return List.of("org/transferlab/models/MultiTaskNetwork.java");
    }

    @Override
    public List<String> exerciseCards(JsonNode config) {
        List<String> cards = new ArrayList<>();
        switch (config.path("exercise").asText()) {
            case "mtl-q1" -> cards.add("mtl-two-heads");
            case "mtl-q2" -> cards.add("mtl-independent-bn");
            default -> { }
        }
        if (config.path("weighting").asText().equals("uncertainty")) {
            cards.add("uncertainty");
        }
        return cards;
    }

    @Override
    public RunDescription describe(JsonNode c) {
        List<String> tasks = new ArrayList<>();
        c.path("tasks").forEach(t -> tasks.add(t.asText()));
        if (tasks.size() != 2) { // folders written before the tasks were named
            tasks.clear();
            tasks.addAll(List.of("MNIST", "Fashion-MNIST"));
        }
        return new RunDescription(c.path("exercise").asText("?"), List.of(),
                RunDescription.fields(c, "weighting"), "two tasks", tasks, "epoch");
    }
}
