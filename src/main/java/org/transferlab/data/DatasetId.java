package org.transferlab.data;

import java.util.Arrays;
import java.util.List;

/** The image classification data sets TransferLab knows, with their class names and licences. */
public enum DatasetId {
    FASHION_MNIST("fashion-mnist", "Fashion-MNIST", "MIT (Zalando Research)",
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")),
    MNIST("mnist", "MNIST digits", "CC BY-SA 3.0 (LeCun, Cortes, Burges)",
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));

    private final String id;
    private final String title;
    private final String licence;
    private final List<String> classNames;

    DatasetId(String id, String title, String licence, List<String> classNames) {
        this.id = id;
        this.title = title;
        this.licence = licence;
        this.classNames = classNames;
    }

    /** The name used on the command line and as a folder name, e.g. {@code fashion-mnist}. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String licence() {
        return licence;
    }

    public List<String> classNames() {
        return classNames;
    }

    public static DatasetId parse(String text) {
        return Arrays.stream(values()).filter(d -> d.id.equalsIgnoreCase(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown dataset '" + text
                        + "'; choose one of " + Arrays.stream(values()).map(DatasetId::id).toList()));
    }

    @Override
    public String toString() {
        return id;
    }
}
