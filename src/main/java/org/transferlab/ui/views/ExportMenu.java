package org.transferlab.ui.views;

import java.io.File;
import java.io.IOException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.FileChooser;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.transferlab.export.Figures;

/**
 * Adds TransferLab's export items to a chart's context menu: PNG at 1×, 2× and 4×, SVG, PDF, the data as CSV,
 * the curves as a pgfplots snippet, and the picture copied to the clipboard.
 */
final class ExportMenu {
    private ExportMenu() {
    }

    static void install(ChartViewer viewer) {
        var menu = viewer.getContextMenu();
        menu.getItems().add(new SeparatorMenuItem());
        menu.getItems().add(item(viewer, "Export PNG (1×)", Figures.Format.PNG, 1));
        menu.getItems().add(item(viewer, "Export PNG (2×, slides)", Figures.Format.PNG, 2));
        menu.getItems().add(item(viewer, "Export PNG (4×, print)", Figures.Format.PNG, 4));
        menu.getItems().add(item(viewer, "Export SVG", Figures.Format.SVG, 1));
        menu.getItems().add(item(viewer, "Export PDF", Figures.Format.PDF, 1));
        menu.getItems().add(item(viewer, "Export data (CSV)", Figures.Format.CSV, 1));
        menu.getItems().add(item(viewer, "Export curves (LaTeX pgfplots)", Figures.Format.PGF, 1));
        MenuItem copy = new MenuItem("Copy as image");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putImage(SwingFXUtils.toFXImage(Figures.image(viewer.getChart(), 2), null));
            Clipboard.getSystemClipboard().setContent(c);
        });
        menu.getItems().add(copy);
    }

    /** The same export items for a drawing that is not a chart (attention maps): PNG, SVG, PDF, CSV, copy. */
    static javafx.scene.control.ContextMenu menu(Figures.Drawing drawing, javafx.scene.Node owner) {
        var menu = new javafx.scene.control.ContextMenu();
        Object[][] items = {{"Export PNG (1×)", Figures.Format.PNG, 1.0}, {"Export PNG (2×, slides)", Figures.Format.PNG, 2.0},
                {"Export PNG (4×, print)", Figures.Format.PNG, 4.0}, {"Export SVG", Figures.Format.SVG, 1.0},
                {"Export PDF", Figures.Format.PDF, 1.0}, {"Export map values (CSV)", Figures.Format.CSV, 1.0}};
        for (Object[] it : items) {
            MenuItem m = new MenuItem((String) it[0]);
            Figures.Format format = (Figures.Format) it[1];
            double scale = (Double) it[2];
            m.setOnAction(e -> save(owner, drawing.title(), format, scale, f -> Figures.write(drawing, format, scale, f)));
            menu.getItems().add(m);
        }
        MenuItem copy = new MenuItem("Copy as image");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putImage(SwingFXUtils.toFXImage(Figures.image(drawing, 2), null));
            Clipboard.getSystemClipboard().setContent(c);
        });
        menu.getItems().add(copy);
        return menu;
    }

    private interface Writer {
        void write(java.nio.file.Path file) throws IOException;
    }

    private static void save(javafx.scene.Node owner, String title, Figures.Format format, double scale, Writer w) {
        FileChooser c = new FileChooser();
        c.setInitialFileName(Figures.slug(title) + (scale != 1 ? "@" + (int) scale + "x" : "") + "." + format.extension());
        File f = c.showSaveDialog(owner.getScene().getWindow());
        if (f != null) {
            try {
                w.write(f.toPath());
            } catch (IOException | RuntimeException ex) {
                new Alert(Alert.AlertType.ERROR, "Could not write " + f + ": " + ex.getMessage(), ButtonType.OK).show();
            }
        }
    }

    private static MenuItem item(ChartViewer viewer, String label, Figures.Format format, double scale) {
        MenuItem m = new MenuItem(label);
        m.setOnAction(e -> {
            JFreeChart chart = viewer.getChart();
            String title = chart.getTitle() == null ? "figure" : chart.getTitle().getText();
            save(viewer, title, format, scale, f -> Figures.write(chart, format, scale, f));
        });
        return m;
    }
}
