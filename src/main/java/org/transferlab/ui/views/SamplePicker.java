package org.transferlab.ui.views;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/** ◀ sample k of n ▶ — the test image the attention and temperature views show; shared between them. */
public final class SamplePicker extends HBox {
    private final IntegerProperty index;
    private final IntegerProperty count = new SimpleIntegerProperty(0);
    private final Label label = new Label();

    public SamplePicker(IntegerProperty index) {
        this.index = index;
        Button prev = new Button("◀");
        Button next = new Button("▶");
        prev.setId("sample-prev");
        next.setId("sample-next");
        prev.setOnAction(e -> move(-1));
        next.setOnAction(e -> move(1));
        prev.disableProperty().bind(count.lessThan(2));
        next.disableProperty().bind(count.lessThan(2));
        index.addListener((o, a, b) -> update());
        count.addListener((o, a, b) -> update());
        setSpacing(6);
        setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(prev, label, next);
        update();
    }

    private void move(int d) {
        if (count.get() > 0) {
            index.set(Math.floorMod(index.get() + d, count.get()));
        }
    }

    private void update() {
        label.setText(count.get() == 0 ? "no samples yet" : "sample " + (index.get() + 1) + " of " + count.get());
    }

    public IntegerProperty countProperty() {
        return count;
    }
}
