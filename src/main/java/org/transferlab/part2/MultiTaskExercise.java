package org.transferlab.part2;

import java.util.Arrays;
import java.util.List;

/** Part 2's exercises and the trunk structures each trains: (shared blocks, BN per task). */
public enum MultiTaskExercise {
    SINGLE("mtl-single", "one network per task (the single-task references)", List.of(new int[]{0, 1})),
    Q1("mtl-q1", "one shared trunk, one head per task", List.of(new int[]{3, 0})),
    Q2("mtl-q2", "shared convolutions, batch norm per task", List.of(new int[]{3, 1})),
    A2("mtl-a2", "structure search: shared blocks 0–3 × BN shared or per task", List.of(new int[]{0, 1},
            new int[]{1, 0}, new int[]{1, 1}, new int[]{2, 0}, new int[]{2, 1}, new int[]{3, 0}, new int[]{3, 1}));

    private final String id;
    private final String description;
    private final List<int[]> structures;

    MultiTaskExercise(String id, String description, List<int[]> structures) {
        this.id = id;
        this.description = description;
        this.structures = structures;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** Each structure as {shared blocks, 1 if BN per task else 0}. */
    public List<int[]> structures() {
        return structures;
    }

    public static boolean isMultiTask(String s) {
        return s != null && s.toLowerCase().startsWith("mtl-");
    }

    public static MultiTaskExercise parse(String s) {
        return Arrays.stream(values()).filter(e -> e.id.equalsIgnoreCase(s)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown exercise '" + s + "'; part 2 has "
                        + Arrays.stream(values()).map(MultiTaskExercise::id).toList()));
    }

    @Override
    public String toString() {
        return id;
    }
}
