package org.transferlab.darkknowledge;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.transferlab.chapters.Chapter;
import org.transferlab.chapters.ChapterView;
import org.transferlab.chapters.RunDescription;
import org.transferlab.export.RunFigures;

/** Dark knowledge: what a teacher's soft targets carry beyond the labels (Hinton et al. 2015; born-again networks). */
public final class DarkKnowledgeChapter implements Chapter {
    public static final String ID = "dark-knowledge";
    /** The chapter's exercise card (resources/exercises/dark-knowledge-bias): the rule that chooses the bias. */
    public static final String BIAS_CARD = "dark-knowledge-bias";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Dark knowledge";
    }

    @Override
    public String subtitle() {
        return "Soft targets on MNIST: Hinton's table, the digit never shown, born-again networks";
    }

    @Override
    public int order() {
        return 55;
    }

    @Override
    public List<ChapterView> views() {
        return List.of(ChapterView.of(ID, "Dark knowledge", DarkKnowledgeFigures.TEST_ERRORS,
                        DarkKnowledgeFigures.PER_CLASS, DarkKnowledgeFigures.HIDDEN_DIGIT, DarkKnowledgeFigures.CONFUSION,
                        DarkKnowledgeFigures.TEACHER_OUTPUTS, DarkKnowledgeFigures.BIAS_SWEEP),
                ChapterView.of("dark-knowledge-ban", "Born-again networks", DarkKnowledgeFigures.GENERATIONS),
                // the networks one after the other on one step axis: apart from the chapter's figures
                ChapterView.of("dark-knowledge-steps", "Every step", "loss-components", "accuracy"));
    }

    @Override
    public boolean ownsRun(String chapterField, String exerciseField) {
        return chapterField.equals(ID) || exerciseField.equals(ID);
    }

    @Override
    public Object trainCommand() {
        return new DarkKnowledgeCommand();
    }

    @Override
    public int resume(Path dir, Path dataDir) throws Exception {
        return DarkKnowledgeConsole.resume(dir, dataDir);
    }

    @Override
    public org.transferlab.engine.RunSkeleton<?, ?> again(JsonNode config, Path dir) throws java.io.IOException {
        DarkKnowledgeConfig c = DarkKnowledgeRecorder.settings(config);
        return new DarkKnowledgeRun(c).data(DarkKnowledgeData.load(c, null)).outputDir(dir)
                .addListener(new DarkKnowledgeRecorder(dir)).addListener(new DarkKnowledgeConsole());
    }

    @Override
    public List<String> notebookSources(JsonNode config) {
        return List.of("org/transferlab/darkknowledge/DarkKnowledgeRun.java",
                "org/transferlab/darkknowledge/BiasSweep.java", "org/transferlab/darkknowledge/Jitter.java");
    }

    /** The omitted experiment's runs carry the card that asks for its bias rule (the notebook adds its cells). */
    @Override
    public List<String> exerciseCards(JsonNode config) {
        return config.path("experiment").asText().equals(Experiment.OMITTED.id()) ? List.of(BIAS_CARD) : List.of();
    }

    @Override
    public RunDescription describe(JsonNode c) {
        return new RunDescription(c.path("label").asText(ID), List.of(),
                RunDescription.fields(c, "experiment", "omit", "transfer_share", "temperature", "alpha", "generations"),
                c.path("trained_model").asText("?"), List.of(), "epoch");
    }

    @Override
    public List<RunFigures.Figure> figures(Path runDir) throws IOException {
        List<RunFigures.Figure> out = new ArrayList<>(RunFigures.of(runDir));
        out.addAll(DarkKnowledgeFigures.of(runDir));
        return out;
    }
}
