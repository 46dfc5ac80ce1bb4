package org.transferlab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.text.Text;

/**
 * What does not fit in a window as it is drawn now: text cut with an ellipsis (labels, buttons, tab headers, table
 * column headers, combo boxes, check boxes: every {@link Labeled}), tabs pushed out of their header row, toolbar
 * items moved into the overflow menu, and controls that reach past the window's edge. Charts drawn by JFreeChart
 * are pictures to JavaFX and are not read here. Used by the projector-mode test and by
 * {@code screenshots --projector}, which prints what it finds.
 */
public final class Fit {
    private Fit() {
    }

    /** One sentence per problem, naming the node by its text or id (JavaFX thread, after a layout pass). */
    public static List<String> problems(Scene scene) {
        List<String> out = new ArrayList<>();
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        walk(scene.getRoot(), scene, false, out);
        return out;
    }

    private static void walk(Node n, Scene scene, boolean scrolled, List<String> out) {
        if (!n.isVisible() || n.getOpacity() == 0) {
            return;
        }
        if (n instanceof Labeled l) {
            truncated(l, out);
        }
        if (n instanceof TabPane t) {
            tabs(t, out);
        }
        if (n.getStyleClass().contains("tool-bar-overflow-button")) {
            out.add("the toolbar is too narrow: some of its buttons moved into its overflow menu (»)");
        }
        if (!scrolled && n instanceof Control c && !(c instanceof ScrollPane)
                && !n.getStyleClass().contains("column-header")) {
            Bounds b = c.localToScene(c.getLayoutBounds());
            if (b.getMaxX() > scene.getWidth() + 1 || b.getMaxY() > scene.getHeight() + 1 || b.getMinX() < -1) {
                out.add(String.format(Locale.ROOT, "%s reaches past the window's edge (%.0f–%.0f × %.0f–%.0f in a "
                        + "%.0f × %.0f window)", name(c), b.getMinX(), b.getMaxX(), b.getMinY(), b.getMaxY(),
                        scene.getWidth(), scene.getHeight()));
            }
        }
        if (n instanceof Parent p) {
            boolean inside = scrolled || n instanceof ScrollPane || n instanceof javafx.scene.control.TableView
                    || n instanceof javafx.scene.control.ListView || n.getStyleClass().contains("virtual-flow")
                    || n.getStyleClass().contains("tab-header-area") || n.getStyleClass().contains("tool-bar")
                    || n.getStyleClass().contains("drawer");
            for (Node child : p.getChildrenUnmodifiable()) {
                walk(child, scene, inside, out);
            }
        }
    }

    private static void truncated(Labeled l, List<String> out) {
        String full = l.getText();
        if (full == null || full.isBlank() || l.getWidth() <= 0) {
            return;
        }
        for (Node c : l.getChildrenUnmodifiable()) {
            if (c instanceof Text t && c.getStyleClass().contains("text")) {
                String shown = t.getText();
                if (shown != null && !shown.equals(full) && !shown.replace("\n", " ").equals(full.replace("\n", " "))) {
                    out.add("cut: \"" + shorten(full) + "\" shows as \"" + tail(shown) + "\"" + where(l));
                }
            }
        }
    }

    private static void tabs(TabPane pane, List<String> out) {
        Node area = pane.lookup(".tab-header-area");
        if (area == null || !area.isVisible()) {
            return;
        }
        Node menu = area.lookup(".control-buttons-tab");
        double right = area.localToScene(area.getLayoutBounds()).getMaxX();
        if (menu != null && menu.isVisible() && menu.getLayoutBounds().getWidth() > 0) {
            right = menu.localToScene(menu.getLayoutBounds()).getMinX();
        }
        for (Node tab : area.lookupAll(".tab")) {
            if (!tab.isVisible()) {
                continue;
            }
            Bounds b = tab.localToScene(tab.getLayoutBounds());
            if (b.getMaxX() > right + 1) {
                Node label = tab.lookup(".tab-label");
                String text = label instanceof Labeled l ? l.getText() : tab.getId();
                out.add("tab \"" + text + "\" is pushed out of its header row (only in the tabs' menu)");
            }
        }
    }

    private static String name(Control c) {
        if (c instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            return "\"" + shorten(l.getText()) + "\"";
        }
        return c.getClass().getSimpleName() + (c.getId() == null ? "" : " #" + c.getId());
    }

    private static String where(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p.getId() != null && !p.getId().isBlank()) {
                return " (in #" + p.getId() + ")";
            }
        }
        return "";
    }

    /** The end of the text as shown, where the ellipsis is. */
    private static String tail(String s) {
        s = s.replace('\n', ' ');
        return s.length() > 60 ? "…" + s.substring(s.length() - 57) : s;
    }

    private static String shorten(String s) {
        s = s.replace('\n', ' ');
        return s.length() > 60 ? s.substring(0, 57) + "…" : s;
    }
}
