package org.transferlab.ui.views;

import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.transferlab.engine.RunInfo;
import org.transferlab.engine.Snapshot;
import org.transferlab.transfer.Softmax;

/**
 * For one test sample and one layer pair: the input image, the teacher's attention map, the student's, and
 * their difference (student − teacher, at the common size), with colour scales. Maps are the L2-normalised
 * ones the AT loss compares; teacher and student share one colour scale so they can be compared by eye.
 */
public final class AttentionView extends VBox implements RunView {
    private static final int SIZE = 140;
    private final IntegerProperty sample;
    private final SamplePicker picker;
    private final ComboBox<String> pair = new ComboBox<>();
    private final ImageView input = new ImageView();
    private final ImageView teacher = new ImageView();
    private final ImageView student = new ImageView();
    private final ImageView difference = new ImageView();
    private final Label caption = new Label("Train a run to see attention maps.");
    private final Label teacherCaption = new Label("teacher");
    private final Label studentCaption = new Label("student");
    private final Label diffCaption = new Label("difference\nstudent − teacher");
    private final Label mapScale = new Label();
    private final Label diffScale = new Label();
    private List<String> classNames = List.of();
    private Snapshot last;

    public AttentionView(IntegerProperty sample) {
        this.sample = sample;
        this.picker = new SamplePicker(sample);
        pair.setId("attention-pair");
        pair.setPromptText("layer");
        pair.valueProperty().addListener((o, a, b) -> redraw());
        sample.addListener((o, a, b) -> redraw());
        HBox top = new HBox(12, new Label("Layer pair:"), pair, picker);
        top.setAlignment(Pos.CENTER_LEFT);
        FlowPane panels = new FlowPane(14, 14, panel(input, new Label("input image\n28×28")), panel(teacher, teacherCaption),
                panel(student, studentCaption), panel(difference, diffCaption));
        panels.setPrefWrapLength(700);
        HBox legends = new HBox(24,
                legend(Heatmap.Scale.SEQUENTIAL, mapScale),
                legend(Heatmap.Scale.DIVERGING, diffScale));
        caption.setWrapText(true);
        caption.getStyleClass().add("caption");
        caption.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(top, panels, legends, caption);
        setSpacing(10);
        setPadding(new Insets(10));
        getStyleClass().add("attention-view");
        setOnContextMenuRequested(e -> {
            var figure = figures().get(pair.getValue());
            if (figure != null) {
                ExportMenu.menu(figure, this).show(this, e.getScreenX(), e.getScreenY());
            }
        });
    }

    private static VBox panel(ImageView view, Label title) {
        view.setFitWidth(SIZE);
        view.setFitHeight(SIZE);
        view.setSmooth(false);
        title.getStyleClass().add("panel-title");
        title.setWrapText(true);
        title.setMaxWidth(SIZE);
        title.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        title.setAlignment(Pos.CENTER);
        title.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        VBox box = new VBox(4, title, view);
        box.setAlignment(Pos.TOP_CENTER);
        box.getStyleClass().add("map-panel");
        return box;
    }

    private static VBox legend(Heatmap.Scale scale, Label text) {
        ImageView bar = new ImageView(Heatmap.legend(scale, 220, 14));
        return new VBox(2, bar, text);
    }

    @Override
    public void runStarted(RunInfo info) {
        classNames = info.classNames();
        last = null;
        caption.setText("Waiting for the first snapshot…");
    }

    @Override
    public void snapshot(Snapshot s) {
        boolean first = last == null;
        last = s;
        if (first || !pair.getItems().equals(List.copyOf(s.studentMaps().keySet()))) {
            String keep = pair.getValue();
            pair.getItems().setAll(s.studentMaps().keySet());
            pair.setValue(keep != null && pair.getItems().contains(keep) ? keep
                    : pair.getItems().isEmpty() ? null : pair.getItems().get(0));
        }
        picker.countProperty().set(s.sampleIndices().length);
        if (sample.get() >= s.sampleIndices().length) {
            sample.set(0);
        }
        redraw();
    }

    /** The last snapshot drawn (for tests). */
    public Snapshot lastSnapshot() {
        return last;
    }

    public boolean showsMaps() {
        return student.getImage() != null;
    }

    private void redraw() {
        Snapshot s = last;
        if (s == null) {
            return;
        }
        int i = Math.min(sample.get(), s.sampleIndices().length - 1);
        input.setImage(Heatmap.render(s.images()[i], 28, 28, SIZE / 28, Heatmap.Scale.GREY, 1));
        String tap = pair.getValue();
        String label = classNames.isEmpty() ? String.valueOf(s.labels()[i]) : classNames.get(s.labels()[i]);
        double[] q = Softmax.softmax(s.studentLogits()[i], 1);
        int pred = argmax(q);
        String predicted = classNames.isEmpty() ? String.valueOf(pred) : classNames.get(pred);
        if (tap == null || !s.studentMaps().containsKey(tap)) {
            student.setImage(null);
            teacher.setImage(null);
            difference.setImage(null);
            caption.setText("This student has no attention points (an MLP): attention maps exist only for CNNs.");
            return;
        }
        int[] side = s.mapSides().get(tap);
        float[] sm = s.studentMaps().get(tap)[i];
        float[][] tmaps = s.teacherMaps().get(tap);
        float max = Heatmap.max(sm);
        if (tmaps != null) {
            float[] tm = tmaps[i];
            int th = (int) Math.round(Math.sqrt(tm.length));
            int h = Math.min(side[0], th);
            float[] sp = Heatmap.pool(sm, side[0], side[1], h, h);
            float[] tp = Heatmap.pool(tm, th, th, h, h);
            max = Math.max(Heatmap.max(sp), Heatmap.max(tp));
            float[] diff = new float[sp.length];
            double dist = 0;
            for (int k = 0; k < diff.length; k++) {
                diff[k] = sp[k] - tp[k];
                dist += diff[k] * diff[k];
            }
            teacher.setImage(Heatmap.render(tp, h, h, SIZE / h, Heatmap.Scale.SEQUENTIAL, max));
            student.setImage(Heatmap.render(sp, h, h, SIZE / h, Heatmap.Scale.SEQUENTIAL, max));
            difference.setImage(Heatmap.render(diff, h, h, SIZE / h, Heatmap.Scale.DIVERGING, max));
            teacherCaption.setText("teacher\n" + tap + " " + th + "×" + th);
            studentCaption.setText("student\n" + tap + " " + side[0] + "×" + side[1]);
            diffScale.setText(String.format("difference: −%.3f … 0 … +%.3f  (blue: student looks less)", max, max));
            caption.setText(String.format("Step %d, epoch %d. True class: %s; the student says %s (%.0f %%). "
                            + "Distance ‖Q_t − Q_s‖₂ on this sample: %.3f.", s.step(), s.epoch(), label, predicted,
                    100 * q[pred], Math.sqrt(dist)));
        } else {
            teacher.setImage(null);
            difference.setImage(null);
            student.setImage(Heatmap.render(sm, side[0], side[1], SIZE / side[0], Heatmap.Scale.SEQUENTIAL, max));
            studentCaption.setText("student\n" + tap + " " + side[0] + "×" + side[1]);
            teacherCaption.setText("teacher\n(none in this run)");
            diffScale.setText("difference: needs a teacher (Q2, Q3 or A1)");
            caption.setText(String.format("Step %d, epoch %d. True class: %s; the student says %s (%.0f %%).",
                    s.step(), s.epoch(), label, predicted, 100 * q[pred]));
        }
        mapScale.setText(String.format("attention: 0 … %.3f (normalised map values)", max));
    }

    /** The shown sample's maps at every layer pair as exportable figures (empty before the first snapshot). */
    public java.util.Map<String, org.transferlab.export.Figures.Drawing> figures() {
        java.util.Map<String, org.transferlab.export.Figures.Drawing> out = new java.util.LinkedHashMap<>();
        Snapshot s = last;
        if (s == null) {
            return out;
        }
        int i = Math.min(sample.get(), s.sampleIndices().length - 1);
        String label = classNames.isEmpty() ? String.valueOf(s.labels()[i]) : classNames.get(s.labels()[i]);
        for (String tap : s.studentMaps().keySet()) {
            int[] side = s.mapSides().get(tap);
            float[] sm = s.studentMaps().get(tap)[i];
            float[][] tmaps = s.teacherMaps().get(tap);
            float[] tm = null;
            int h = side[0];
            if (tmaps != null) {
                int th = (int) Math.round(Math.sqrt(tmaps[i].length));
                h = Math.min(side[0], th);
                tm = Heatmap.pool(tmaps[i], th, th, h, h);
                sm = Heatmap.pool(sm, side[0], side[1], h, h);
            }
            out.put(tap, new org.transferlab.export.AttentionFigure("Attention maps at " + tap + ", test sample "
                    + (i + 1) + " (" + label + ")", s.images()[i], tm, sm, h, "step " + s.step() + ", epoch " + s.epoch()));
        }
        return out;
    }

    static int argmax(double[] q) {
        int b = 0;
        for (int k = 1; k < q.length; k++) {
            if (q[k] > q[b]) {
                b = k;
            }
        }
        return b;
    }
}
