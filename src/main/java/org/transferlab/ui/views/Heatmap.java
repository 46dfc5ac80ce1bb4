package org.transferlab.ui.views;

import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * Turns a map of values into an image, enlarged with crisp square cells: grey for input images, a
 * perceptually ordered sequential scale (dark blue → yellow, viridis-like) for attention maps, and a
 * diverging blue–white–red scale for differences.
 */
public final class Heatmap {
    private static final Color[] SEQUENTIAL = {Color.rgb(68, 1, 84), Color.rgb(59, 82, 139), Color.rgb(33, 145, 140),
            Color.rgb(94, 201, 98), Color.rgb(253, 231, 37)};

    private Heatmap() {
    }

    public enum Scale { GREY, SEQUENTIAL, DIVERGING }

    /** Colour of {@code v} on a scale; sequential and grey expect [0, 1], diverging [−1, 1]. */
    public static Color color(Scale scale, double v) {
        if (Double.isNaN(v)) {
            return Color.LIGHTGREY;
        }
        switch (scale) {
            case GREY -> {
                double g = Math.max(0, Math.min(1, v));
                return Color.gray(g);
            }
            case DIVERGING -> {
                double t = Math.max(-1, Math.min(1, v));
                Color end = t < 0 ? Color.rgb(33, 102, 172) : Color.rgb(178, 24, 43);
                return Color.WHITE.interpolate(end, Math.abs(t));
            }
            default -> {
                double t = Math.max(0, Math.min(1, v)) * (SEQUENTIAL.length - 1);
                int i = Math.min((int) t, SEQUENTIAL.length - 2);
                return SEQUENTIAL[i].interpolate(SEQUENTIAL[i + 1], t - i);
            }
        }
    }

    /** An image of {@code values} (row-major h×w), each cell {@code cell} pixels, after dividing by {@code max}. */
    public static WritableImage render(float[] values, int h, int w, int cell, Scale scale, double max) {
        WritableImage img = new WritableImage(w * cell, h * cell);
        PixelWriter pw = img.getPixelWriter();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                Color c = color(scale, max > 0 ? values[y * w + x] / max : 0);
                for (int dy = 0; dy < cell; dy++) {
                    for (int dx = 0; dx < cell; dx++) {
                        pw.setColor(x * cell + dx, y * cell + dy, c);
                    }
                }
            }
        }
        return img;
    }

    /** A horizontal colour bar for a legend. */
    public static WritableImage legend(Scale scale, int width, int height) {
        WritableImage img = new WritableImage(width, height);
        PixelWriter pw = img.getPixelWriter();
        for (int x = 0; x < width; x++) {
            double t = x / (double) (width - 1);
            Color c = color(scale, scale == Scale.DIVERGING ? 2 * t - 1 : t);
            for (int y = 0; y < height; y++) {
                pw.setColor(x, y, c);
            }
        }
        return img;
    }

    /** Average-pools a row-major map from h×w down to th×tw (integer ratios). */
    public static float[] pool(float[] map, int h, int w, int th, int tw) {
        if (h == th && w == tw) {
            return map;
        }
        int kh = h / th;
        int kw = w / tw;
        float[] out = new float[th * tw];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[(y / kh) * tw + x / kw] += map[y * w + x] / (kh * kw);
            }
        }
        return out;
    }

    public static float max(float[] v) {
        float m = 0;
        for (float f : v) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }
}
