package org.transferlab.transfer;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.transferlab.models.Architecture;

/**
 * What the terms of an objective work with: the student and teacher architectures, and the record of what
 * they read. The teacher is frozen, so the engine computes its logits and attention maps once per data set
 * and hands the ones recorded here to every batch.
 */
public final class ObjectiveContext {
    private final Architecture student;
    private final Architecture teacher;
    private boolean teacherLogits;
    private final Map<String, int[]> teacherMaps = new LinkedHashMap<>();
    private final Set<String> studentTaps = new LinkedHashSet<>();
    private final Set<String> teacherFeatures = new LinkedHashSet<>();

    public ObjectiveContext(Architecture student, Architecture teacher) {
        this.student = student;
        this.teacher = teacher;
    }

    public String studentName() {
        return student.name();
    }

    public String teacherName() {
        return teacher == null ? "(none)" : teacher.name();
    }

    public Map<String, int[]> studentPoints() {
        return student.attentionPoints();
    }

    public Map<String, int[]> teacherPoints() {
        return teacher == null ? Map.of() : teacher.attentionPoints();
    }

    /** Declares that a term reads the teacher's logits. */
    public void useTeacherLogits() {
        teacherLogits = true;
    }

    /** Declares that a term reads the teacher's normalised map for {@code pair} at {@code h×w}, and the student's feature there. */
    public void useAttentionPair(String pair, int h, int w) {
        teacherMaps.put(pair, new int[]{h, w});
        studentTaps.add(pair);
    }

    /**
     * Declares that a term reads the teacher's raw feature tensor at {@code pair} (and the student's): for terms
     * that compute attention maps themselves. The engine keeps those features for every training image, so this
     * costs memory (cnn-large: about 63 kB per image for all three pairs).
     */
    public void useTeacherFeatures(String pair) {
        teacherFeatures.add(pair);
        studentTaps.add(pair);
    }

    /** The pairs whose raw teacher features the terms read. */
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

    /** The student attention points whose features the terms read. */
    public Set<String> studentTapsUsed() {
        return studentTaps;
    }
}
