package org.transferlab.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one JSON mapper of the application (pretty-printed, stable key order as written), and the one way a
 * number is written into a run's files: rounded to six decimals, and {@code null} where it is NaN or infinite
 * (not measured, or diverged), in every chapter alike.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** Puts {@code v} rounded to 1e-6, or null when it is not finite. */
    public static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, Math.round(v * 1e6) / 1e6);
        } else {
            n.putNull(key);
        }
    }

    /** Adds {@code v} rounded to 1e-6, or null when it is not finite. */
    public static void addNumber(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(Math.round(v * 1e6) / 1e6);
        } else {
            a.addNull();
        }
    }
}
