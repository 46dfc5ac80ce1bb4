package org.transferlab.ui.views;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.layout.VBox;
import javafx.scene.layout.Priority;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.transferlab.engine.EpochMetrics;
import org.transferlab.engine.RunInfo;
import org.transferlab.engine.StepMetrics;
import org.transferlab.metrics.DecimatedSeries;

/**
 * Loss components per step (one series per term of the run's methods, labelled by the registry, and the weighted total; decimated to a bounded number of points) and
 * train/test accuracy per epoch.
 */
public final class CurvesView extends VBox implements RunView {
    static final int MAX_POINTS = 800;

    private final XYSeriesCollection losses = new XYSeriesCollection();
    private final XYSeriesCollection accuracy = new XYSeriesCollection();
    private final Map<String, DecimatedSeries> decimated = new LinkedHashMap<>();
    private final XYSeries trainAcc = new XYSeries("train", false, true);
    private final XYSeries testAcc = new XYSeries("test", false, true);
    private final JFreeChart lossChart;
    private final JFreeChart accuracyChart;

    public CurvesView() {
        lossChart = ChartFactory.createXYLineChart("Loss components per step", "step", "loss (unweighted)", losses);
        accuracyChart = ChartFactory.createXYLineChart("Accuracy per epoch", "epoch", "accuracy", accuracy);
        accuracy.addSeries(trainAcc);
        accuracy.addSeries(testAcc);
        XYPlot ap = accuracyChart.getXYPlot();
        ((NumberAxis) ap.getRangeAxis()).setRange(0, 1);
        ((NumberAxis) ap.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        ap.setRenderer(r);
        restyle();
        ChartViewer lv = Charts.viewer(lossChart);
        ChartViewer av = Charts.viewer(accuracyChart);
        VBox.setVgrow(lv, Priority.ALWAYS);
        VBox.setVgrow(av, Priority.ALWAYS);
        getChildren().addAll(lv, av);
        setSpacing(6);
    }

    public void restyle() {
        Charts.style(lossChart);
        Charts.style(accuracyChart);
    }

    public JFreeChart lossChart() {
        return lossChart;
    }

    public JFreeChart accuracyChart() {
        return accuracyChart;
    }

    @Override
    public void runStarted(RunInfo info) {
        Charts.batch(lossChart, () -> Charts.batch(accuracyChart, () -> start(info)));
    }

    private void start(RunInfo info) {
        losses.removeAllSeries();
        decimated.clear();
        trainAcc.clear();
        testAcc.clear();
        for (String k : info.lossWeights().keySet()) {
            if (!org.transferlab.transfer.TransferMethods.isPart(k)) { // each term; its parts are the anatomy's
                decimated.put(k, new DecimatedSeries(MAX_POINTS / 2));
            }
        }
        decimated.put("total", new DecimatedSeries(MAX_POINTS / 2));
        for (String k : decimated.keySet()) {
            losses.addSeries(new XYSeries(k.equals("total") ? "total (weighted)"
                    : org.transferlab.transfer.TransferMethods.label(k), false, true));
        }
        restyle();
    }

    @Override
    public void steps(List<StepMetrics> steps) {
        for (StepMetrics s : steps) {
            decimated.forEach((k, d) -> d.add(s.step(), k.equals("total") ? s.total() : s.losses().getOrDefault(k, Double.NaN)));
        }
        Charts.batch(lossChart, () -> {
            int i = 0;
            for (DecimatedSeries d : decimated.values()) {
                XYSeries series = losses.getSeries(i++);
                series.setNotify(false);
                series.clear();
                for (double[] p : d.points()) {
                    series.add(p[0], p[1], false);
                }
                series.setNotify(true);
                series.fireSeriesChanged();
            }
        });
    }

    @Override
    public void epoch(EpochMetrics e) {
        trainAcc.add(e.epoch(), e.trainAccuracy());
        if (!Double.isNaN(e.testAccuracy())) {
            testAcc.add(e.epoch(), e.testAccuracy());
        }
    }

    /** Points now drawn in the loss chart (for tests). */
    public int lossPoints() {
        int n = 0;
        for (int i = 0; i < losses.getSeriesCount(); i++) {
            n += losses.getSeries(i).getItemCount();
        }
        return n;
    }

    public int accuracyPoints() {
        return trainAcc.getItemCount() + testAcc.getItemCount();
    }
}
