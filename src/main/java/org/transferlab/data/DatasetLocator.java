package org.transferlab.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds and loads a data set. Sources, in order: an explicit data folder; the user data folder
 * ({@code ~/.transferlab/data/<dataset>}, in the user's home folder on every system); on Linux, Debian's
 * {@code /usr/share/datasets/<dataset>} (Windows and macOS have no such folder: {@link #defaultSystemRoot()} is null
 * there); and the embedded subset shipped on the class path under {@code /data/<dataset>/}.
 */
public final class DatasetLocator {

    /** The four standard file names, without the optional {@code .gz}. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    private final Path explicitDir;
    private final Path userDataRoot;
    private final Path systemRoot;

    public DatasetLocator(Path explicitDir) {
        this(explicitDir, defaultUserDataRoot(), defaultSystemRoot());
    }

    /** Debian's data set folder, {@code /usr/share/datasets}, on Linux; null on Windows and macOS. */
    public static Path defaultSystemRoot() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux")
                ? Path.of("/usr/share/datasets") : null;
    }

    /** For tests: every folder can be pointed elsewhere ({@code systemRoot} may be null: none). */
    public DatasetLocator(Path explicitDir, Path userDataRoot, Path systemRoot) {
        this.explicitDir = explicitDir;
        this.userDataRoot = userDataRoot;
        this.systemRoot = systemRoot;
    }

    public static Path defaultUserDataRoot() {
        return Path.of(System.getProperty("user.home"), ".transferlab", "data");
    }

    /** Loads the data set as asked; every failure is an exception whose message says what to do. */
    public DataSplit load(DatasetId id, DataKind kind) throws IOException {
        if (kind == DataKind.EMBEDDED) {
            return loadEmbedded(id);
        }
        if (explicitDir != null) {
            Path dir = folderIn(explicitDir, id).orElseThrow(() -> missingIn(explicitDir, id));
            return loadFolder(id, dir);
        }
        List<Path> candidates = systemRoot == null ? List.of(userDataRoot.resolve(id.id()))
                : List.of(userDataRoot.resolve(id.id()), systemRoot.resolve(id.id()));
        for (Path candidate : candidates) {
            if (hasAllFiles(candidate)) {
                return loadFolder(id, candidate);
            }
        }
        if (kind == DataKind.AUTO) {
            return loadEmbedded(id);
        }
        throw new FileNotFoundException("the full " + id.title() + " data set was not found in "
                + candidates.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(" or "))
                + ". Fetch it with 'transferlab download " + id.id() + "' (needs internet)"
                + (id == DatasetId.FASHION_MNIST && systemRoot != null
                ? ", or 'apt-get install dataset-fashion-mnist' on Debian" : "")
                + ", point --data-dir at a folder with the four IDX files, or use --data embedded.");
    }

    /** The explicit folder itself, or its {@code <dataset>} subfolder, whichever holds the files. */
    private static Optional<Path> folderIn(Path dir, DatasetId id) {
        if (hasAllFiles(dir)) {
            return Optional.of(dir);
        }
        if (hasAllFiles(dir.resolve(id.id()))) {
            return Optional.of(dir.resolve(id.id()));
        }
        return Optional.empty();
    }

    private static IOException missingIn(Path dir, DatasetId id) {
        if (!Files.exists(dir)) {
            return new FileNotFoundException("data folder " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            return new FileNotFoundException("data folder " + dir + " is a file, not a folder");
        }
        if (!Files.isReadable(dir)) {
            return new AccessDeniedException(dir.toString(), null,
                    "cannot read data folder (check its permissions)");
        }
        List<String> missing = new ArrayList<>();
        for (String f : FILES) {
            if (find(dir, f).isEmpty() && find(dir.resolve(id.id()), f).isEmpty()) {
                missing.add(f + "[.gz]");
            }
        }
        return new FileNotFoundException("data folder " + dir + " has no complete " + id.title()
                + " data set; missing: " + String.join(", ", missing));
    }

    static boolean hasAllFiles(Path dir) {
        return Files.isDirectory(dir) && FILES.stream().allMatch(f -> find(dir, f).isPresent());
    }

    static Optional<Path> find(Path dir, String base) {
        for (String name : List.of(base + ".gz", base)) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static DataSplit loadFolder(DatasetId id, Path dir) throws IOException {
        ImageSet train = ImageSet.of(id.id() + " train", IdxReader.read(find(dir, TRAIN_IMAGES).orElseThrow()),
                IdxReader.read(find(dir, TRAIN_LABELS).orElseThrow()), id.classNames());
        ImageSet test = ImageSet.of(id.id() + " test", IdxReader.read(find(dir, TEST_IMAGES).orElseThrow()),
                IdxReader.read(find(dir, TEST_LABELS).orElseThrow()), id.classNames());
        checkSameGeometry(train, test);
        return new DataSplit(id, train, test, dir.toString());
    }

    public static DataSplit loadEmbedded(DatasetId id) throws IOException {
        ImageSet train = ImageSet.of(id.id() + " train (embedded)", readResource(id, TRAIN_IMAGES),
                readResource(id, TRAIN_LABELS), id.classNames());
        ImageSet test = ImageSet.of(id.id() + " test (embedded)", readResource(id, TEST_IMAGES),
                readResource(id, TEST_LABELS), id.classNames());
        checkSameGeometry(train, test);
        return new DataSplit(id, train, test, "embedded");
    }

    private static IdxReader.IdxArray readResource(DatasetId id, String base) throws IOException {
        String path = "/data/" + id.id() + "/" + base + ".gz";
        try (InputStream in = DatasetLocator.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new FileNotFoundException("embedded data " + path + " is missing from the application; "
                        + "rebuild with 'mvn package' or regenerate it with scripts/make-embedded-data.sh");
            }
            return IdxReader.read(in, "embedded " + path);
        }
    }

    private static void checkSameGeometry(ImageSet train, ImageSet test) throws IdxFormatException {
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new IdxFormatException("training images are " + train.rows() + "x" + train.cols()
                    + " but test images are " + test.rows() + "x" + test.cols());
        }
    }
}
