package org.transferlab.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.transferlab.data.DatasetId;
import org.transferlab.engine.TeacherModel;
import org.transferlab.models.Architecture;
import org.transferlab.models.ModelZoo;
import org.transferlab.models.Network;

/** The shipped networks of part 1: the teacher ({@code cnn-large}) and the student ({@code cnn-small}). */
public final class Models {
    /** The part-1 teacher's architecture, as the app and {@code train part1} default to. */
    public static final String TEACHER = "cnn-large";
    /** The part-1 student's architecture. */
    public static final String STUDENT = "cnn-small";

    private Models() {
    }

    public static Model teacher() {
        return of(TEACHER);
    }

    public static Model student() {
        return of(STUDENT);
    }

    /** Any model of the zoo by name ({@code transferlab models} lists them). */
    public static Model of(String name) {
        return new Model(ModelZoo.get(name));
    }

    /** A model of the zoo: its layers, its size, and (for a teacher) its pre-trained weights. */
    public static final class Model {
        private final Architecture architecture;

        Model(Architecture architecture) {
            this.architecture = architecture;
        }

        public String name() {
            return architecture.name();
        }

        public Architecture architecture() {
            return architecture;
        }

        /** Trainable parameters, for 10 classes. */
        public long parameters() {
            Network n = Network.create(architecture, 10, 0);
            try {
                return n.parameterCount();
            } finally {
                n.release();
            }
        }

        /** One row per layer (layer, what it is, output shape) with a header row: shown as a table in a notebook. */
        public String[][] layers() {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"layer", "what", "output"});
            rows.addAll(architecture.layerTable());
            return rows.toArray(String[][]::new);
        }

        /** The attention points AT can compare ({@code group1}, …) with their [C, H, W] shapes. */
        public String attentionPoints() {
            StringBuilder b = new StringBuilder();
            architecture.attentionPoints().forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k)
                    .append(' ').append(v[0]).append('×').append(v[1]).append('×').append(v[2]));
            return b.toString();
        }

        /** Whether pre-trained weights ship for {@code dataset} (the part-1 teacher's do, for Fashion-MNIST). */
        public boolean hasShippedWeights(DatasetId dataset) {
            return TeacherModel.hasShipped(name(), dataset);
        }

        /** The network with the weights shipped for Fashion-MNIST (what every part-1 student run distils from). */
        public Network load() {
            return load(DatasetId.FASHION_MNIST);
        }

        public Network load(DatasetId dataset) {
            try {
                return TeacherModel.load(name(), dataset, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %,d parameters, %s; attention points %s", name(), parameters(),
                    architecture.summary(), attentionPoints());
        }
    }
}
