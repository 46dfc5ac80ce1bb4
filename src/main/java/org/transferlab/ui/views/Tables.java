package org.transferlab.ui.views;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Tables whose columns are as wide as their widest header or cell, at the type size shown (larger in projector
 * mode), so no header or cell is cut; a table wider than its view scrolls sideways instead.
 */
public final class Tables {
    private static final List<WeakReference<TableView<?>>> FITTED = new ArrayList<>();
    private static final double PADDING = 26;
    private static double fontSize = 13;

    private Tables() {
    }

    /** Fits the columns now and whenever the rows change. */
    public static void fitColumns(TableView<?> table) {
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.getItems().addListener((ListChangeListener<Object>) c -> fit(table));
        table.itemsProperty().addListener((o, a, b) -> fit(table));
        FITTED.add(new WeakReference<>(table));
        fit(table);
    }

    /** The type size changed (projector mode): every fitted table again. */
    public static void fontSize(double size) {
        fontSize = size;
        FITTED.removeIf(r -> r.get() == null);
        FITTED.forEach(r -> fit(r.get()));
    }

    private static void fit(TableView<?> table) {
        if (table == null) {
            return;
        }
        Text probe = new Text();
        probe.setFont(Font.font(Font.getDefault().getFamily(), fontSize));
        for (TableColumn<?, ?> c : table.getColumns()) {
            fit(table, c, probe);
        }
    }

    private static double fit(TableView<?> table, TableColumn<?, ?> c, Text probe) {
        Font plain = probe.getFont();
        probe.setFont(Font.font(plain.getFamily(), javafx.scene.text.FontWeight.BOLD, plain.getSize()));
        double header = width(probe, c.getText()) + 8; // headers are bold, with room for the sort arrow
        probe.setFont(plain);
        if (!c.getColumns().isEmpty()) {
            double sum = 0;
            for (TableColumn<?, ?> child : c.getColumns()) {
                sum += fit(table, child, probe);
            }
            if (header > sum) { // a group header wider than its columns: the last one takes the rest
                TableColumn<?, ?> last = c.getColumns().get(c.getColumns().size() - 1);
                last.setPrefWidth(last.getPrefWidth() + header - sum);
            }
            return Math.max(header, sum);
        }
        double w = header;
        for (int i = 0; i < table.getItems().size(); i++) {
            Object v = c.getCellData(i);
            if (v != null) {
                w = Math.max(w, width(probe, v instanceof Double d ? String.format("%.4g", d) : v.toString()));
            }
        }
        c.setPrefWidth(w);
        return w;
    }

    private static double width(Text probe, String text) {
        if (text == null || text.isEmpty()) {
            return PADDING;
        }
        double w = 0;
        for (String line : text.split("\n")) {
            probe.setText(line);
            w = Math.max(w, probe.getLayoutBounds().getWidth());
        }
        return Math.ceil(w + PADDING);
    }
}
