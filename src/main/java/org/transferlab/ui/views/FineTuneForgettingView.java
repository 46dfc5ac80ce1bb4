package org.transferlab.ui.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.transferlab.export.FineTuneFigures;
import org.transferlab.ui.model.FineTuneSession;

/**
 * Forgetting against remembering (learning without forgetting, Li and Hoiem 2016): for each run of this session
 * that starts from the source, the source task's test accuracy per evaluated epoch (solid; epoch 0 is the source
 * network itself) through the source's head — the original one for fine-tune all and the other strategies, the
 * kept and distilled old head for LwF — and the target's test accuracy (dashed). Train "all" and "lwf" in the
 * Fine-tune view to see one forget and the other remember.
 */
public final class FineTuneForgettingView extends VBox {
    static final String TITLE = "The source task while fine-tuning for the target: forgetting against remembering";
    private final ChartViewer viewer;
    private final Label note = new Label("Train fine-tune all and LwF (strategy lwf) in the Fine-tune view; each "
            + "run's accuracy on the source task, before and while it fine-tunes, appears here.");
    private final List<FineTuneSession.Run> shown = new ArrayList<>();

    public FineTuneForgettingView() {
        setId("finetune-forgetting-view");
        setSpacing(8);
        setPadding(new Insets(8));
        note.setWrapText(true);
        note.setId("ft-forgetting-note");
        viewer = Charts.viewer(FineTuneFigures.forgetting(TITLE, List.of()));
        VBox.setVgrow(viewer, Priority.ALWAYS);
        getChildren().addAll(note, viewer);
    }

    /** Draws the session's runs that measured the source task. */
    public void update(FineTuneSession s) {
        shown.clear();
        List<FineTuneFigures.ForgettingCurve> curves = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (FineTuneSession.Run r : s.runs()) {
            if (r.sourceAccuracy().isEmpty()) {
                continue;
            }
            shown.add(r);
            curves.add(new FineTuneFigures.ForgettingCurve(r.label(), Map.copyOf(r.sourceAccuracy()),
                    Map.copyOf(r.accuracy())));
            TreeMap<Integer, Double> src = new TreeMap<>(r.sourceAccuracy());
            sb.append(String.format(Locale.ROOT, "%s: source task %.3f before → %.3f after epoch %d; target %s.%n",
                    r.label(), src.firstEntry().getValue(), src.lastEntry().getValue(), src.lastKey(),
                    Double.isNaN(r.finalAccuracy()) ? "not yet measured"
                            : String.format(Locale.ROOT, "%.3f", r.finalAccuracy())));
        }
        viewer.setChart(FineTuneFigures.forgetting(TITLE, curves));
        if (!curves.isEmpty()) {
            note.setText(sb.toString().trim());
        }
    }

    public JFreeChart chart() {
        return viewer.getChart();
    }

    /** Runs drawn (each a solid source line and a dashed target line). */
    public int runCount() {
        return shown.size();
    }
}
