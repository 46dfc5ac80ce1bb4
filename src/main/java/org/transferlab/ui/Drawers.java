package org.transferlab.ui;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The centre of the window with two drawers that open over it: the set-up from the left, the guide from the right.
 * Used where the views need the whole width (projector mode, the workspace); a drawer is as wide as it asks, at
 * most {@value #MAX_SHARE} of the window, and the views under it keep their size.
 */
final class Drawers extends StackPane {
    static final double MAX_SHARE = 0.6;
    private final StackPane left = holder("drawer-left", Pos.CENTER_LEFT, 700);
    private final StackPane right = holder("drawer-right", Pos.CENTER_RIGHT, 480);

    Drawers(Node base) {
        getChildren().addAll(base, left, right);
        left.maxWidthProperty().bind(widthProperty().multiply(MAX_SHARE));
        right.maxWidthProperty().bind(widthProperty().multiply(MAX_SHARE));
    }

    private static StackPane holder(String id, Pos side, double width) {
        StackPane p = new StackPane();
        p.setId(id);
        p.getStyleClass().add("drawer");
        p.setPrefWidth(width);
        p.setMaxHeight(Double.MAX_VALUE);
        p.setMinWidth(Region.USE_PREF_SIZE);
        StackPane.setAlignment(p, side);
        p.setVisible(false);
        p.setManaged(false);
        return p;
    }

    /** What the left drawer holds (null: none), closed. */
    void setLeft(Node n) {
        fill(left, n);
    }

    void setRight(Node n) {
        fill(right, n);
    }

    private static void fill(StackPane p, Node n) {
        if (n == null) {
            p.getChildren().clear();
        } else {
            p.getChildren().setAll(n);
        }
        show(p, false);
    }

    void openLeft(boolean open) {
        show(left, open && !left.getChildren().isEmpty());
    }

    void openRight(boolean open) {
        show(right, open && !right.getChildren().isEmpty());
    }

    boolean leftOpen() {
        return left.isVisible();
    }

    boolean rightOpen() {
        return right.isVisible();
    }

    private static void show(StackPane p, boolean open) {
        p.setVisible(open);
        p.setManaged(open);
    }
}
