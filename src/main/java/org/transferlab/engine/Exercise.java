package org.transferlab.engine;

import java.util.Arrays;
import java.util.List;

/** The part-1 exercises and what each trains: which model, and with which transfer methods. */
public enum Exercise {
    TEACHER("teacher", "train the teacher with cross-entropy", List.of()),
    Q1("q1", "student alone, cross-entropy only (the baseline)", List.of()),
    Q2("q2", "student with knowledge distillation (KD)", List.of("kd")),
    Q3("q3", "student with attention transfer (AT)", List.of("at")),
    A1("a1", "student with KD and AT together", List.of("kd", "at")),
    /** Any other combination of methods ({@code train --method fitnets}, {@code --method kd,rkd}, ...). */
    STUDENT("student", "student with the methods chosen", List.of());

    private final String id;
    private final String description;
    private final List<String> methods;

    Exercise(String id, String description, List<String> methods) {
        this.id = id;
        this.description = description;
        this.methods = methods;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /**
     * Transfer-method ids, as registered in {@code TransferMethods}: the methods this exercise stands for (for
     * {@link #STUDENT}, none: the run's config names them).
     */
    public List<String> methods() {
        return methods;
    }

    /** Whether the run trains a student (everything but {@link #TEACHER}). */
    public boolean trainsStudent() {
        return this != TEACHER;
    }

    /** Whether the run needs a trained teacher's outputs. */
    public boolean needsTeacher() {
        return !methods.isEmpty();
    }

    /** The exercise a student run with {@code methods} is: Q1–A1 where they match one, else {@link #STUDENT}. */
    public static Exercise forMethods(List<String> methods) {
        java.util.Set<String> set = new java.util.HashSet<>(methods);
        for (Exercise e : List.of(Q1, Q2, Q3, A1)) {
            if (set.equals(new java.util.HashSet<>(e.methods)) && set.size() == methods.size()) {
                return e;
            }
        }
        return STUDENT;
    }

    /** Every exercise's id, in order ({@code teacher, q1, q2, q3, a1, student}). */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Exercise::id).toList();
    }

    public static Exercise parse(String s) {
        return Arrays.stream(values()).filter(e -> e.id.equalsIgnoreCase(s)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown exercise '" + s + "'; choose one of "
                        + Arrays.stream(values()).map(Exercise::id).toList()));
    }

    @Override
    public String toString() {
        return id;
    }
}
