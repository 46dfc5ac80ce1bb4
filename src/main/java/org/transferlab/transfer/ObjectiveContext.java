package org.transferlab.transfer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.transferlab.models.Architecture;
import org.transferlab.models.ModelGraph;

/**
 * What a {@link TransferTerm} may use while building: the student graph (logits and feature taps), and the
 * teacher's outputs as placeholders. The teacher is frozen, so its logits and attention maps are computed
 * once per data set by the engine and fed in; the context records which ones the terms asked for.
 */
public final class ObjectiveContext {
    /** Placeholder holding the teacher's logits [N, K]. */
    public static final String TEACHER_LOGITS = "teacher/logits";

    private final ModelGraph student;
    private final Architecture teacher;
    private SDVariable teacherLogits;
    private final Map<String, Integer> teacherMaps = new LinkedHashMap<>();
    private final Map<String, SDVariable> teacherMapVars = new LinkedHashMap<>();

    public ObjectiveContext(ModelGraph student, Architecture teacher) {
        this.student = student;
        this.teacher = teacher;
    }

    public static String teacherMapInput(String pair) {
        return "teacher/map/" + pair;
    }

    public SDVariable studentLogits() {
        return student.logits();
    }

    public SDVariable studentTap(String name) {
        return student.tap(name);
    }

    public String studentName() {
        return student.architecture().name();
    }

    public String teacherName() {
        return teacher == null ? "(none)" : teacher.name();
    }

    public Map<String, int[]> studentPoints() {
        return student.architecture().attentionPoints();
    }

    public Map<String, int[]> teacherPoints() {
        return teacher == null ? Map.of() : teacher.attentionPoints();
    }

    public SDVariable teacherLogits() {
        if (teacherLogits == null) {
            teacherLogits = student.sameDiff().placeHolder(TEACHER_LOGITS, student.dtype(), -1, student.numClasses());
        }
        return teacherLogits;
    }

    /** The teacher's normalised attention map for {@code pair}, of {@code size} = h·w values per sample. */
    public SDVariable teacherMap(String pair, int size) {
        return teacherMapVars.computeIfAbsent(pair, p -> {
            teacherMaps.put(p, size);
            return student.sameDiff().placeHolder(teacherMapInput(p), student.dtype(), -1, size);
        });
    }

    public boolean usesTeacherLogits() {
        return teacherLogits != null;
    }

    /** The pairs whose teacher maps the terms asked for, with the map size each. */
    public Map<String, Integer> teacherMapsUsed() {
        return teacherMaps;
    }
}
