package org.transferlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.transferlab.data.DatasetId;
import org.transferlab.data.DatasetLocator;

/**
 * The pre-trained teacher that ships in resources/teachers: it loads, and its accuracy on the embedded test
 * split is the figure its properties file and the README state. A missing teacher or figure fails.
 */
class ShippedTeacherTest {

    @Test
    void shippedTeacherReachesTheStatedAccuracy() throws Exception {
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/teachers/cnn-large-fashion-mnist.properties")) {
            assertNotNull(in, "resources/teachers/cnn-large-fashion-mnist.properties is missing");
            p.load(in);
        }
        String stated = p.getProperty("embedded_test_accuracy");
        assertNotNull(stated, "the properties file states no embedded_test_accuracy");
        assertTrue(TeacherModel.hasShipped("cnn-large", DatasetId.FASHION_MNIST));
        var teacher = TeacherModel.load("cnn-large", DatasetId.FASHION_MNIST, null);
        double measured = Evaluation.accuracy(teacher, DatasetLocator.loadEmbedded(DatasetId.FASHION_MNIST).test(), 500);
        assertEquals(Double.parseDouble(stated), measured, 0.0015,
                "shipped teacher accuracy on the embedded test split");
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("embedded test split: " + stated),
                "README.md must state the shipped teacher's embedded-test accuracy " + stated);
    }
}
