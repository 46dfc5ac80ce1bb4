package org.transferlab.engine;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.transferlab.data.DatasetId;
import org.transferlab.models.Checkpoint;
import org.transferlab.models.Network;
import org.transferlab.models.ModelZoo;

/** Loads a teacher: from an explicit checkpoint, or the pre-trained one shipped in {@code resources/teachers}. */
public final class TeacherModel {
    private TeacherModel() {
    }

    /** Class-path location of the shipped teacher for an architecture and data set. */
    public static String shippedResource(String architecture, DatasetId dataset) {
        return "/teachers/" + architecture + "-" + dataset.id() + ".tlck";
    }

    public static boolean hasShipped(String architecture, DatasetId dataset) {
        return TeacherModel.class.getResource(shippedResource(architecture, dataset)) != null;
    }

    public static Network load(String architecture, DatasetId dataset, Path checkpoint) throws IOException {
        Network g = Network.create(ModelZoo.get(architecture), dataset.classNames().size(), 0);
        if (checkpoint != null) {
            Checkpoint.load(g, checkpoint);
            return g;
        }
        String res = shippedResource(architecture, dataset);
        try (InputStream in = TeacherModel.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new FileNotFoundException("no pre-trained " + architecture + " teacher ships for " + dataset.id()
                        + "; train one with 'train --exercise teacher --teacher " + architecture + " --dataset "
                        + dataset.id() + " --out DIR' and pass --teacher-checkpoint DIR/checkpoint.tlck");
            }
            Checkpoint.apply(g, Checkpoint.read(in, "shipped teacher " + res), "shipped teacher " + res);
        }
        return g;
    }
}
