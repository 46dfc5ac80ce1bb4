package org.transferlab.l2t;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.transferlab.chapters.Chapter;
import org.transferlab.chapters.ChapterView;
import org.transferlab.chapters.RunDescription;

/** Learning what and where to transfer (L2T-ww): meta-networks choose the pairs and channels to match. */
public final class L2tChapter implements Chapter {
    public static final String ID = "l2t";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Learning what and where to transfer";
    }

    @Override
    public String subtitle() {
        return "L2T-ww: meta-networks choose the pairs and channels to match";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public List<ChapterView> views() {
        return List.of(ChapterView.of("l2t", "L2T-ww", "loss-components", "accuracy", "lambda", "lambda-curves",
                        "pair-losses", "channel-weights"),
                ChapterView.of("l2t-table", "Table"));
    }

    @Override
    public boolean ownsRun(String chapterField, String exerciseField) {
        return chapterField.equals(ID) || exerciseField.equals(ID);
    }

    @Override
    public Object trainCommand() {
        return new L2tCommand();
    }

    @Override
    public int resume(Path dir, Path dataDir) throws Exception {
        return L2tConsole.resume(dir);
    }

    @Override
    public org.transferlab.engine.RunSkeleton<?, ?> again(JsonNode config, Path dir) throws java.io.IOException {
        return new L2tRun(L2tRecorder.settings(config)).outputDir(dir).addListener(new L2tRecorder(dir))
                .addListener(new L2tConsole());
    }

    @Override
    public List<String> notebookSources(JsonNode config) { // the run, the matching loss, the meta-networks and their gradient
        return List.of("org/transferlab/l2t/L2tRun.java", "org/transferlab/l2t/WeightedFeatureMatching.java",
                "org/transferlab/l2t/MetaNetworks.java", "org/transferlab/l2t/MetaGradient.java");
    }

    @Override
    public RunDescription describe(JsonNode c) {
        return new RunDescription(c.path("label").asText(ID), List.of(),
                RunDescription.fields(c, "method", "per_class", "source_network", "beta", "meta_lr", "inner_steps",
                        "inner_lr"), c.path("trained_model").asText("?"), List.of(), "epoch");
    }
}
