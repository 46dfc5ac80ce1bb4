package org.transferlab.exercises;

import java.util.List;

/**
 * One exercise card, read from {@code resources/exercises/<id>/}: what to build, the formula, the inputs'
 * shapes, the skeleton the editor starts from, hints revealed one by one, the solution, and the known mistakes
 * the checker recognises (each with an example of wrong code in {@code mistakes/<mistake id>.java}).
 *
 * @param part      1 (transfer), 2 (multi-task), 3 (transfer by weights) or 4 (multi-task on one input)
 * @param exercise  the curriculum exercise it belongs to (q2, q3, a1, mtl-q1, mtl-q2, uncertainty)
 * @param formula   LaTeX, rendered in the card
 * @param inputs    one line per argument: name, shape, meaning
 * @param method    the method of {@code Solution} the checker calls
 */
public record Card(String id, int part, String exercise, String title, String goal, String formula,
                   List<String> inputs, String method, List<String> hints, List<Mistake> mistakes, String skeleton,
                   String solution) {

    /** A known mistake: its id (also the example file's name), a short title, and the hint shown when matched. */
    public record Mistake(String id, String title, String hint) {
    }

    public Mistake mistake(String mistakeId) {
        return mistakes.stream().filter(m -> m.id().equals(mistakeId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("card " + id + " has no mistake " + mistakeId));
    }

    /** Trains a part-2 model (two heads, independent BN) rather than a loss. */
    public boolean isModel() {
        return exercise.equals("mtl-q1") || exercise.equals("mtl-q2");
    }
}
