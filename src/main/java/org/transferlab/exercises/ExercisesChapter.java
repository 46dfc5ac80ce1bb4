package org.transferlab.exercises;

import java.util.List;
import org.transferlab.chapters.Chapter;
import org.transferlab.chapters.ChapterView;

/**
 * Exercise mode as a chapter: the cards where students write a loss or a model themselves, checked and then
 * trained. Its runs are part 1's and part 2's runs (folders ending {@code -your-code}), so it owns none and has no
 * {@code train} command of its own; {@code transferlab check} grades a class's submissions.
 */
public final class ExercisesChapter implements Chapter {
    public static final String ID = "exercises";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Exercises · write it yourself";
    }

    @Override
    public String subtitle() {
        return "the losses and models in your own code, checked and trained";
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public List<ChapterView> views() {
        return List.of(ChapterView.of("exercises", "Exercises"));
    }

    @Override
    public boolean ownsRun(String chapterField, String exerciseField) {
        return chapterField.equals(ID);
    }
}
