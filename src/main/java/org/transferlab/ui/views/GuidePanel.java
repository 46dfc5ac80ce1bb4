package org.transferlab.ui.views;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import org.transferlab.lessons.Lessons;

/**
 * The exercise guide beside the controls: the goal, the formula rendered as mathematics, what to change,
 * what to look for, and a question to answer from the charts.
 */
public final class GuidePanel extends ScrollPane {
    private final VBox box = new VBox(8);
    private Lessons.Card card;

    public GuidePanel() {
        box.setPadding(new Insets(10));
        box.getStyleClass().add("guide");
        setContent(box);
        setFitToWidth(true);
        setId("guide");
    }

    public void show(Lessons.Card c) {
        this.card = c;
        redraw();
    }

    /** Re-renders (after the type size changed). */
    public void redraw() {
        box.getChildren().clear();
        if (card == null) {
            return;
        }
        Label title = new Label(card.title());
        title.getStyleClass().add("guide-title");
        title.setWrapText(true);
        box.getChildren().addAll(title, text(card.goal()));
        float size = (float) (17 * Charts.scale());
        for (String f : card.formulas()) {
            try {
                ImageView formula = new ImageView(Latex.render(f, size));
                formula.setPreserveRatio(true);
                double natural = formula.getImage().getWidth();
                // never wider than the panel: shrink a long formula rather than scroll sideways
                formula.fitWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                        () -> Math.min(natural, Math.max(50, widthProperty().get() - 40)), widthProperty()));
                box.getChildren().add(formula);
            } catch (RuntimeException e) {
                box.getChildren().add(text(f));
            }
        }
        box.getChildren().addAll(heading("What to change"), text(card.change()), heading("What to look for"),
                text(card.watch()), heading("Question"), text(card.question()));
    }

    private static Label heading(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("guide-heading");
        return l;
    }

    private static Label text(String s) {
        Label l = new Label(s);
        l.setWrapText(true);
        l.getStyleClass().add("guide-text");
        return l;
    }
}
