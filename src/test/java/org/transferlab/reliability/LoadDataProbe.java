package org.transferlab.reliability;

import java.nio.file.Path;
import org.transferlab.data.DataKind;
import org.transferlab.data.DatasetId;
import org.transferlab.data.DatasetLocator;

/**
 * A child process for {@link UnreadableDataTest}: loads MNIST from the folder given and prints the error's type
 * and message (or "loaded N"). Run as an unprivileged user where the test itself runs as root, whom file
 * permissions do not stop.
 */
public final class LoadDataProbe {
    private LoadDataProbe() {
    }

    public static void main(String[] args) {
        try {
            int n = new DatasetLocator(Path.of(args[0])).load(DatasetId.MNIST, DataKind.FULL).train().size();
            System.out.println("loaded " + n);
        } catch (Exception e) {
            System.out.println(e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
