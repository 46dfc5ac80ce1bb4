package org.transferlab.transfer;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.transferlab.models.Architecture;

/**
 * What the terms of an objective work with: the student and teacher architectures, a random source for the
 * terms' own parameters, and the record of what they read. The teacher is frozen, so the engine computes its
 * logits, attention maps and features once per data set and hands the ones recorded here to every batch.
 */
public final class ObjectiveContext {
    private final Architecture student;
    private final Architecture teacher;
    private final Random random;
    private boolean teacherLogits;
    private final Map<String, int[]> teacherMaps = new LinkedHashMap<>();
    private AttentionTransfer.Form attentionForm = AttentionTransfer.Form.TUTORIAL;
    private double attentionP = 1.0;
    private final Set<String> studentTaps = new LinkedHashSet<>();
    private final Set<String> teacherFeatures = new LinkedHashSet<>();
    private int trainingSetSize;
    private StudentAccess.Seed teacherInputSeed;
    private final Set<String> teacherSeedTaps = new LinkedHashSet<>();

    public ObjectiveContext(Architecture student, Architecture teacher) {
        this(student, teacher, 0);
    }

    /** @param seed seeds the terms' own parameters (e.g. a regressor's initial weights) */
    public ObjectiveContext(Architecture student, Architecture teacher, long seed) {
        this.student = student;
        this.teacher = teacher;
        // a stream of its own, so adding a term with parameters does not change the network's initial weights
        this.random = new Random(seed ^ 0x5DEECE66DL * 31);
    }

    public String studentName() {
        return student.name();
    }

    public String teacherName() {
        return teacher == null ? "(none)" : teacher.name();
    }

    /** The student's attention points [C, H, W] (where spatial maps can be compared). */
    public Map<String, int[]> studentPoints() {
        return student.attentionPoints();
    }

    public Map<String, int[]> teacherPoints() {
        return teacher == null ? Map.of() : teacher.attentionPoints();
    }

    /** Every feature the student exposes, attention points and its embedding, with [C, H, W] shapes. */
    public Map<String, int[]> studentFeatures() {
        return student.features();
    }

    public Map<String, int[]> teacherFeatures() {
        return teacher == null ? Map.of() : teacher.features();
    }

    /**
     * The [C, H, W] shape of the student's feature {@code point}; throws naming {@code setting} (e.g.
     * {@code fitnets.student_point}) and the features the student has when there is none.
     */
    public int[] studentFeature(String setting, String point) {
        return feature(setting, "student " + studentName(), point, studentFeatures());
    }

    /** The same for the teacher. */
    public int[] teacherFeature(String setting, String point) {
        return feature(setting, "teacher " + teacherName(), point, teacherFeatures());
    }

    private static int[] feature(String setting, String who, String point, Map<String, int[]> features) {
        int[] shape = features.get(point);
        if (shape == null) {
            throw new IllegalArgumentException(setting + ": the " + who + " has no feature '" + point + "'"
                    + (features.isEmpty() ? "" : "; it has " + String.join(", ", features.keySet())));
        }
        return shape;
    }

    /**
     * Sets the number of training images M (the engine knows it once the data is loaded; CRD's memory bank has one
     * entry per image). Returns this context.
     */
    public ObjectiveContext trainingSetSize(int m) {
        this.trainingSetSize = m;
        return this;
    }

    /** The number of training images, or 0 where it is not known (e.g. when a configuration is only checked). */
    public int trainingSetSize() {
        return trainingSetSize;
    }

    /** The source of the terms' initial parameter values (seeded by the run). */
    public Random random() {
        return random;
    }

    /** Declares that a term reads the teacher's logits. */
    public void useTeacherLogits() {
        teacherLogits = true;
    }

    /**
     * Declares that a term reads the teacher's normalised attention map for {@code pair} at {@code h×w}, computed
     * in {@code form} with power {@code p}, and the student's feature there.
     */
    public void useAttentionPair(String pair, int h, int w, AttentionTransfer.Form form, double p) {
        teacherMaps.put(pair, new int[]{h, w});
        attentionForm = form;
        attentionP = p;
        studentTaps.add(pair);
    }

    /**
     * Declares that a term reads the teacher's raw feature tensor at {@code point} (and the student's there). The
     * engine keeps those features for every training image, so this costs memory (cnn-large: 25 kB per image
     * at group1, 12.5 kB at group2, 0.5 kB for the embedding).
     */
    public void useTeacherFeatures(String point) {
        teacherFeatures.add(point);
        studentTaps.add(point);
    }

    /** Declares that a term reads the teacher's raw feature at {@code teacherPoint} and the student's at {@code studentPoint}. */
    public void useFeatures(String studentPoint, String teacherPoint) {
        teacherFeatures.add(teacherPoint);
        studentTaps.add(studentPoint);
    }

    /** The points whose raw teacher features the terms read. */
    public Set<String> teacherFeaturesUsed() {
        return teacherFeatures;
    }

    public boolean usesTeacherLogits() {
        return teacherLogits;
    }

    /** The pairs whose teacher maps the terms read, with the map size [h, w] each. */
    public Map<String, int[]> teacherMapsUsed() {
        return teacherMaps;
    }

    /** The form the teacher's attention maps are computed in. */
    public AttentionTransfer.Form attentionForm() {
        return attentionForm;
    }

    public double attentionP() {
        return attentionP;
    }

    /** The student features whose values the terms read. */
    public Set<String> studentTapsUsed() {
        return studentTaps;
    }

    /**
     * Declares that a term differentiates the student with respect to its input ({@link LossInputs#student()},
     * reading the student's features {@code studentPoints}) and reads the teacher's input gradients of
     * {@code teacherSeed} (evaluation mode, reading the teacher's features {@code teacherPoints}), which the engine
     * computes once per training image (784 floats each).
     */
    public void useInputGradients(StudentAccess.Seed teacherSeed, Set<String> studentPoints, Set<String> teacherPoints) {
        teacherInputSeed = teacherSeed;
        studentTaps.addAll(studentPoints);
        teacherSeedTaps.addAll(teacherPoints);
    }

    /** The teacher's seed of {@link #useInputGradients}, or null when no term differentiates with respect to inputs. */
    public StudentAccess.Seed teacherInputSeed() {
        return teacherInputSeed;
    }

    /** The teacher features the seed of {@link #useInputGradients} reads. */
    public Set<String> teacherSeedTaps() {
        return teacherSeedTaps;
    }

    /** Whether a term needs {@link LossInputs#student()}. */
    public boolean usesStudentAccess() {
        return teacherInputSeed != null;
    }
}
