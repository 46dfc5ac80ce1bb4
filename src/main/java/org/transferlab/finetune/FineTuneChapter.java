package org.transferlab.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.transferlab.chapters.Chapter;
import org.transferlab.chapters.ChapterView;
import org.transferlab.chapters.RunDescription;

/** Chapter 3 · transfer by weights: fine-tuning strategies, labels per class, layer drift, how general features are. */
public final class FineTuneChapter implements Chapter {
    public static final String ID = "finetune";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Chapter 3 · Transfer by weights";
    }

    @Override
    public String subtitle() {
        return "fine-tuning, linear probe, BN patch, learning without forgetting, how general features are";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public List<ChapterView> views() {
        return List.of(ChapterView.of("finetune-train", "Fine-tune", "loss-components", "accuracy"),
                ChapterView.of("finetune-labels", "Accuracy vs labels"),
                ChapterView.of("finetune-drift", "Layer drift", "layer-drift"),
                ChapterView.of("finetune-forgetting", "Forgetting (LwF)", "forgetting"),
                ChapterView.of("finetune-neighbours", "Off-the-shelf features"),
                ChapterView.of("finetune-generality", "AnB / BnB"));
    }

    @Override
    public boolean ownsRun(String chapterField, String exerciseField) {
        return chapterField.equals(ID) || exerciseField.equals(ID);
    }

    @Override
    public Object trainCommand() {
        return new FineTuneCommand();
    }

    @Override
    public int resume(Path dir, Path dataDir) throws Exception {
        return FineTuneConsole.resume(dir, dataDir);
    }

    @Override
    public org.transferlab.engine.RunSkeleton<?, ?> again(JsonNode config, Path dir) throws java.io.IOException {
        return new FineTuneRun(FineTuneRecorder.settings(config, null)).outputDir(dir)
                .addListener(new FineTuneRecorder(dir)).addListener(new FineTuneConsole());
    }

    @Override
    public List<String> notebookSources(JsonNode config) { // what trains and how: the plan and the step
        return List.of("org/transferlab/finetune/LayerPlan.java", "org/transferlab/finetune/FineTuneRun.java");
    }

    @Override
    public RunDescription describe(JsonNode c) {
        Map<String, String> s = RunDescription.fields(c, "setting", "strategy", "per_class", "lr_multiplier");
        if (c.has("lwf_lambda")) {
            s.putAll(RunDescription.fields(c, "lwf_lambda", "lwf_temperature"));
        }
        c.path("layer_overrides").fields().forEachRemaining(e -> s.put("layer." + e.getKey(), e.getValue().asText()));
        return new RunDescription(c.path("label").asText(ID), List.of(), s, c.path("trained_model").asText("?"),
                List.of(), "epoch");
    }
}
