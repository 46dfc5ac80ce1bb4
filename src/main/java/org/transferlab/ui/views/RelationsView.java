package org.transferlab.ui.views;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.transferlab.engine.RunInfo;
import org.transferlab.engine.Snapshot;
import org.transferlab.transfer.RelationalKd;

/**
 * What relational KD compares, on the snapshot's test images: the distances between every two images'
 * embeddings (the vector after global pooling), divided by their mean (ψ_D), for the teacher and for the
 * student, and their difference. Drawn for every run with a teacher, so a student can see how far the student's
 * arrangement of the images is from the teacher's with RKD and without it.
 */
public final class RelationsView extends VBox implements RunView {
    private static final int SIZE = 200;
    private final ImageView teacher = new ImageView();
    private final ImageView student = new ImageView();
    private final ImageView difference = new ImageView();
    private final Label order = new Label();
    private final Label caption = new Label("Train a run with a teacher to see how it arranges the images.");
    private List<String> classNames = List.of();
    private double lastGap = Double.NaN;

    public RelationsView() {
        FlowPane panels = new FlowPane(14, 14, panel(teacher, "teacher ψ_D"), panel(student, "student ψ_D"),
                panel(difference, "difference\nstudent − teacher"));
        panels.setPrefWrapLength(700);
        HBox legends = new HBox(24, legend(Heatmap.Scale.SEQUENTIAL, "distance / mean distance, 0 to 2"),
                legend(Heatmap.Scale.DIVERGING, "−1 … +1"));
        order.setWrapText(true);
        caption.setWrapText(true);
        caption.getStyleClass().add("caption");
        Label intro = new Label("Pairwise distances between the test images' embeddings (row i, column j: "
                + "images i and j), each divided by the mean distance: what relational KD asks the student to match.");
        intro.setWrapText(true);
        getChildren().addAll(intro, panels, legends, order, caption);
        setSpacing(10);
        setPadding(new Insets(10));
    }

    private static VBox panel(ImageView view, String title) {
        view.setFitWidth(SIZE);
        view.setFitHeight(SIZE);
        view.setSmooth(false);
        Label t = new Label(title);
        t.getStyleClass().add("panel-title");
        VBox box = new VBox(4, t, view);
        box.setAlignment(Pos.TOP_CENTER);
        return box;
    }

    private static VBox legend(Heatmap.Scale scale, String text) {
        return new VBox(2, new ImageView(Heatmap.legend(scale, 220, 14)), new Label(text));
    }

    @Override
    public void runStarted(RunInfo info) {
        classNames = info.classNames();
        lastGap = Double.NaN;
    }

    @Override
    public void snapshot(Snapshot s) {
        if (s.studentEmbeddings() == null || s.teacherEmbeddings() == null) {
            teacher.setImage(null);
            student.setImage(null);
            difference.setImage(null);
            caption.setText("This run has no teacher: there is nothing to compare the student's arrangement with.");
            return;
        }
        int n = s.studentEmbeddings().length;
        float[] t = psi(s.teacherEmbeddings());
        float[] st = psi(s.studentEmbeddings());
        float[] d = new float[n * n];
        double gap = 0;
        for (int k = 0; k < d.length; k++) {
            d[k] = st[k] - t[k];
            gap += Math.abs(d[k]);
        }
        lastGap = gap / (n * (n - 1.0));
        int cell = Math.max(1, SIZE / n);
        teacher.setImage(Heatmap.render(t, n, n, cell, Heatmap.Scale.SEQUENTIAL, 2));
        student.setImage(Heatmap.render(st, n, n, cell, Heatmap.Scale.SEQUENTIAL, 2));
        difference.setImage(Heatmap.render(d, n, n, cell, Heatmap.Scale.DIVERGING, 1));
        StringBuilder names = new StringBuilder("Images, in row order: ");
        for (int i = 0; i < n; i++) {
            int label = s.labels()[i];
            names.append(i == 0 ? "" : ", ").append(i + 1).append(' ')
                    .append(classNames.isEmpty() ? String.valueOf(label) : classNames.get(label));
        }
        order.setText(names.toString());
        caption.setText(String.format(Locale.ROOT, "Step %d, epoch %d: the student's relations differ from the "
                + "teacher's by %.3f on average (|ψ_D student − ψ_D teacher| over the %d pairs). Relational KD "
                + "drives this towards 0; KD and AT only indirectly.", s.step(), s.epoch(), lastGap, n * (n - 1)));
    }

    /** The mean absolute difference of the last snapshot's relations (NaN before one); for tests. */
    public double lastGap() {
        return lastGap;
    }

    private static float[] psi(float[][] rows) {
        int n = rows.length;
        int dim = rows[0].length;
        double[] x = new double[n * dim];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < dim; k++) {
                x[i * dim + k] = rows[i][k];
            }
        }
        double[] m = RelationalKd.distanceMatrix(x, dim, n);
        float[] out = new float[m.length];
        for (int k = 0; k < m.length; k++) {
            out[k] = (float) m[k];
        }
        return out;
    }
}
