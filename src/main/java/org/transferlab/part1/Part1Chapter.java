package org.transferlab.part1;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.transferlab.chapters.Chapter;
import org.transferlab.chapters.ChapterView;
import org.transferlab.chapters.RunDescription;
import org.transferlab.engine.Exercise;
import org.transferlab.engine.MethodSettingsJson;
import org.transferlab.transfer.Setting;
import org.transferlab.transfer.TransferMethods;

/** Part 1 · learning from a teacher: the teacher, the student alone, and the student with transfer methods. */
public final class Part1Chapter implements Chapter {
    public static final String ID = "part1";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Part 1 · Learning from a teacher";
    }

    @Override
    public String subtitle() {
        return "knowledge distillation, attention transfer, FitNets, relational KD";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<ChapterView> views() {
        return List.of(ChapterView.of("curves", "Curves", "loss-components", "accuracy"),
                ChapterView.of("attention", "Attention maps", "attention-*"),
                ChapterView.of("temperature", "Temperature", "temperature"),
                ChapterView.of("anatomy", "Loss anatomy"),
                ChapterView.of("relations", "Relations"),
                // what a method's own parameters learned, drawn from the run folder (VID's σ per channel; CRD's figure)
                ChapterView.of("learned", "Learned", "vid-sigma", "logit-correlation"));
    }

    @Override
    public boolean ownsRun(String chapterField, String exerciseField) {
        return chapterField.equals(ID) || chapterField.isEmpty() && Exercise.ids().contains(exerciseField);
    }

    @Override
    public Object trainCommand() {
        return new Part1Command();
    }

    @Override
    public int resume(Path dir, Path dataDir) throws Exception {
        return Part1Command.resume(dir, dataDir);
    }

    /**
     * A part-1 run again from its settings. (A run trained with {@code train --per-class} drew its images per class,
     * which its {@code config.json} does not record: trained again, it takes the first images of the seeded shuffle.)
     */
    @Override
    public org.transferlab.engine.RunSkeleton<?, ?> again(JsonNode config, Path dir) {
        org.transferlab.engine.TrainingConfig c = org.transferlab.engine.RunRecorder.settings(config, null);
        return new org.transferlab.engine.TrainingRun(c).outputDir(dir)
                .addListener(new org.transferlab.engine.RunRecorder(dir)).addListener(new Part1Command.Console());
    }

    @Override
    public List<String> exerciseCards(JsonNode config) {
        return switch (config.path("exercise").asText()) {
            case "q2" -> List.of("kd");
            case "q3" -> List.of("at");
            case "a1" -> List.of("kd-at");
            default -> List.of();
        };
    }

    @Override
    public RunDescription describe(JsonNode c) {
        String exercise = c.path("exercise").asText("?");
        List<String> methods = new ArrayList<>();
        c.path("methods").forEach(m -> methods.add(m.asText()));
        if (!c.has("methods")) { // a folder written before the method registry
            methods.addAll(Exercise.ids().contains(exercise) ? Exercise.parse(exercise).methods() : List.of());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String m : methods) {
            if (TransferMethods.ids().contains(m)) {
                for (Setting st : TransferMethods.get(m).settings()) {
                    String v = MethodSettingsJson.setting(c, m, st.key());
                    if (!v.isEmpty()) {
                        settings.put(m + "." + st.key(), v.endsWith(".0") ? v.substring(0, v.length() - 2) : v);
                    }
                }
            }
        }
        String label = exercise.equals("student") ? String.join("+", methods) : exercise;
        return new RunDescription(label, methods, settings, c.path("trained_model").asText("?"), List.of(), "epoch");
    }

}
