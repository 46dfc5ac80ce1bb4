package org.transferlab.ui.views;

import java.util.Locale;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.transferlab.data.DataKind;
import org.transferlab.data.ImageSet;
import org.transferlab.finetune.Neighbours;
import org.transferlab.finetune.TargetTask;

/**
 * Off-the-shelf features: a target test image and its nearest target images by the source network's pooled
 * features, next to its nearest by raw pixels; a green frame marks a neighbour of the query's class. Under each
 * row, the share of same-class neighbours over 200 queries. The descriptors are computed on a thread of their own.
 */
public final class NeighboursView extends VBox {
    public static final int K = 8;
    private final ComboBox<String> setting = new ComboBox<>();
    private final ComboBox<String> point = new ComboBox<>();
    private final Slider query = new Slider(0, 999, 0);
    private final Label queryLabel = new Label();
    private final StackPane queryImage = new StackPane();
    private final FlowPane byFeatures = new FlowPane(6, 6);
    private final FlowPane byPixels = new FlowPane(6, 6);
    private final Label featuresText = new Label();
    private final Label pixelsText = new Label();
    private final Label status = new Label("Open this view to compute the source network's features.");
    private final Button compute = new Button("Compute the features");
    private volatile Neighbours.Index index;
    private double[] precision;
    private Consumer<String> errors = m -> status.setText(m);

    public NeighboursView() {
        setId("finetune-neighbours-view");
        setSpacing(8);
        setPadding(new Insets(8));
        setting.getItems().setAll(java.util.Arrays.stream(TargetTask.values()).map(TargetTask::id).toList());
        setting.setValue(TargetTask.FASHION_SPLIT.id());
        setting.setId("ft-nn-setting");
        setting.valueProperty().addListener((o, a, b) -> computeIndex());
        point.getItems().setAll("embedding", "group3", "group2", "group1");
        point.setValue("embedding");
        point.setId("ft-nn-point");
        point.setTooltip(new javafx.scene.control.Tooltip("embedding: the pooled features after global average "
                + "pooling; groupN: the feature maps of that group, flattened (they keep where things are)"));
        point.valueProperty().addListener((o, a, b) -> computeIndex());
        compute.setId("ft-nn-compute");
        compute.setOnAction(e -> computeIndex());
        query.setId("ft-nn-query");
        query.setPrefWidth(300);
        query.setBlockIncrement(1);
        query.valueProperty().addListener((o, a, b) -> show((int) Math.round(b.doubleValue())));
        status.setId("ft-nn-status");
        status.setWrapText(true);
        featuresText.setId("ft-nn-features-text");
        pixelsText.setId("ft-nn-pixels-text");
        Label f = new Label("Nearest by the source network's features (cosine)");
        point.valueProperty().addListener((o, a, b) -> f.setText("Nearest by the source network's "
                + (b.equals("embedding") ? "pooled features" : b + " feature maps") + " (cosine)"));
        Label p = new Label("Nearest by raw pixels (Euclidean)");
        f.getStyleClass().add("setup-heading");
        p.getStyleClass().add("setup-heading");
        javafx.scene.layout.FlowPane top = new javafx.scene.layout.FlowPane(10, 6, fixed("Setting"), setting,
                fixed("Features at"), point, compute, fixed("Test image"), query, queryLabel);
        top.setAlignment(Pos.CENTER_LEFT);
        compute.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        queryLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(top, status, new HBox(16, new VBox(4, new Label("Query"), queryImage),
                new VBox(8, f, byFeatures, featuresText, p, byPixels, pixelsText)));
    }

    private static Label fixed(String text) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    /** Starts computing the descriptors for the chosen setting (once per setting). */
    public void computeIndex() {
        TargetTask task = TargetTask.parse(setting.getValue());
        String at = point.getValue();
        if (index != null && index.task() == task && index.point().equals(at)) {
            return;
        }
        compute.setDisable(true);
        status.setText("Computing the " + task.architecture() + " source network's features (" + at + ") of 2 000 "
                + "target images…");
        Thread t = new Thread(() -> {
            try {
                Neighbours.Index i = Neighbours.index(task, DataKind.AUTO, 2000, 0, at);
                double[] pr = Neighbours.precision(i, 200, K, 1);
                Platform.runLater(() -> {
                    index = i;
                    precision = pr;
                    query.setMax(i.queries().size() - 1);
                    status.setText(String.format(Locale.ROOT, "%s: gallery of %,d target training images, queries from "
                            + "%,d test images (%s); source %s, features at %s.", task.id(), i.gallery().size(),
                            i.queries().size(), i.source(), task.architecture(), at));
                    compute.setDisable(false);
                    show((int) query.getValue());
                });
            } catch (Exception | OutOfMemoryError e) {
                Platform.runLater(() -> {
                    compute.setDisable(false);
                    errors.accept("Cannot compute the features: " + e.getMessage());
                });
            }
        }, "transferlab-neighbours");
        t.setDaemon(true);
        t.start();
    }

    private void show(int q) {
        Neighbours.Index i = index;
        if (i == null) {
            return;
        }
        int label = i.queries().label(q);
        queryLabel.setText("#" + q + ": " + i.queries().classNames().get(label));
        queryImage.getChildren().setAll(image(i.queries(), q, 4, null));
        Neighbours.Result r = Neighbours.find(i, q, K);
        byFeatures.getChildren().setAll(java.util.Arrays.stream(r.byFeatures())
                .mapToObj(k -> image(i.gallery(), k, 3, i.gallery().label(k) == label)).toList());
        byPixels.getChildren().setAll(java.util.Arrays.stream(r.byPixels())
                .mapToObj(k -> image(i.gallery(), k, 3, i.gallery().label(k) == label)).toList());
        featuresText.setText(String.format(Locale.ROOT, "%d of %d share the class; over 200 test images: %.0f %%",
                Math.round(Neighbours.share(i.gallery(), r.byFeatures(), label) * K), K, 100 * precision[0]));
        pixelsText.setText(String.format(Locale.ROOT, "%d of %d share the class; over 200 test images: %.0f %%",
                Math.round(Neighbours.share(i.gallery(), r.byPixels(), label) * K), K, 100 * precision[1]));
    }

    /** One image, scaled, framed green (same class), red (another) or not at all (the query). */
    static StackPane image(ImageSet set, int i, int scale, Boolean sameClass) {
        int w = set.cols();
        int h = set.rows();
        WritableImage img = new WritableImage(w * scale, h * scale);
        PixelWriter pw = img.getPixelWriter();
        float[] px = new float[w * h];
        set.copyScaled(i, px, 0);
        for (int y = 0; y < h * scale; y++) {
            for (int x = 0; x < w * scale; x++) {
                double v = px[(y / scale) * w + x / scale];
                pw.setColor(x, y, javafx.scene.paint.Color.gray(1 - v));
            }
        }
        StackPane p = new StackPane(new ImageView(img));
        p.setPadding(new Insets(2));
        p.setStyle(sameClass == null ? "-fx-border-color: #444; -fx-border-width: 2;"
                : sameClass ? "-fx-border-color: #2e9e44; -fx-border-width: 3;"
                : "-fx-border-color: #d0453b; -fx-border-width: 3;");
        javafx.scene.control.Tooltip.install(p, new javafx.scene.control.Tooltip(set.classNames().get(set.label(i))));
        return p;
    }

    public void point(String p) {
        point.setValue(p);
    }

    public void query(int q) {
        query.setValue(q);
    }

    public boolean ready() {
        return index != null;
    }

    public String featuresText() {
        return featuresText.getText();
    }

    public String pixelsText() {
        return pixelsText.getText();
    }
}
