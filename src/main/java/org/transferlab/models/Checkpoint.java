package org.transferlab.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferlab.io.AtomicFiles;
import org.transferlab.io.Json;

/**
 * A model's parameters and running statistics on disk. Layout: the magic {@code TLCKPT01}; a JSON header
 * (architecture, metadata, each array's name and shape) prefixed by its length; the arrays as big-endian
 * float32 in header order; a CRC-32 of everything before it. Written atomically; every way a file can be
 * wrong is a {@link CheckpointException} that says which.
 */
public final class Checkpoint {
    private static final byte[] MAGIC = "TLCKPT01".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER = 1 << 20;

    /** What a checkpoint holds: its architecture name, free-form metadata and the arrays by name. */
    public record Contents(String architecture, Map<String, String> metadata, Map<String, float[]> arrays,
                           Map<String, long[]> shapes) {
    }

    private Checkpoint() {
    }

    public static void save(Network model, Path file, Map<String, String> metadata) throws IOException {
        save(model.architecture().name(), model.state(), file, metadata);
    }

    /**
     * Saves named arrays under an architecture name: what {@link #save(Network, Path, Map)} writes for a
     * network, and what a part-2 run writes for its model, optimiser and weighting.
     */
    public static void save(String architecture, Map<String, INDArray> state, Path file, Map<String, String> metadata)
            throws IOException {
        ObjectNode header = Json.MAPPER.createObjectNode();
        header.put("architecture", architecture);
        ObjectNode meta = header.putObject("metadata");
        metadata.forEach(meta::put);
        ArrayNode entries = header.putArray("arrays");
        state.forEach((name, arr) -> {
            ObjectNode e = entries.addObject();
            e.put("name", name);
            ArrayNode shape = e.putArray("shape");
            for (long s : arr.shape()) {
                shape.add(s);
            }
        });
        byte[] headerBytes = Json.MAPPER.writeValueAsBytes(header);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        out.write(MAGIC);
        out.writeInt(headerBytes.length);
        out.write(headerBytes);
        for (INDArray arr : state.values()) {
            for (float f : arr.castTo(DataType.FLOAT).dup('c').data().asFloat()) {
                out.writeFloat(f);
            }
        }
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(body.toByteArray());
        out.writeLong(crc.getValue());
        byte[] all = body.toByteArray();
        AtomicFiles.write(file, o -> o.write(all));
    }

    /** Reads and checks a checkpoint file without applying it. */
    public static Contents read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "checkpoint not found");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    public static Contents read(InputStream stream, String name) throws IOException {
        byte[] all = stream.readAllBytes();
        if (all.length < MAGIC.length + 4 + 8 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new CheckpointException(name + " is not a TransferLab checkpoint (wrong magic bytes)");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = 0;
        for (int i = all.length - 8; i < all.length; i++) {
            stored = (stored << 8) | (all[i] & 0xff);
        }
        if (crc.getValue() != stored) {
            throw new CheckpointException(name + " is damaged or truncated (checksum mismatch); "
                    + "use another checkpoint or train again");
        }
        try {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all, 0, all.length - 8));
            in.skipNBytes(MAGIC.length);
            int headerLength = in.readInt();
            if (headerLength <= 0 || headerLength > MAX_HEADER) {
                throw new CheckpointException(name + " has an invalid header length " + headerLength);
            }
            JsonNode header = Json.MAPPER.readTree(in.readNBytes(headerLength));
            String architecture = header.path("architecture").asText();
            Map<String, String> metadata = new LinkedHashMap<>();
            header.path("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
            Map<String, float[]> arrays = new LinkedHashMap<>();
            Map<String, long[]> shapes = new LinkedHashMap<>();
            for (JsonNode e : header.path("arrays")) {
                long[] shape = new long[e.path("shape").size()];
                long n = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = e.path("shape").get(i).asLong();
                    n *= shape[i];
                }
                if (n < 0 || n > all.length / 4) {
                    throw new CheckpointException(name + ": array " + e.path("name").asText() + " is larger than the file");
                }
                float[] v = new float[(int) n];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readFloat();
                }
                arrays.put(e.path("name").asText(), v);
                shapes.put(e.path("name").asText(), shape);
            }
            if (in.available() != 0) {
                throw new CheckpointException(name + " has " + in.available() + " bytes more than its header declares");
            }
            return new Contents(architecture, metadata, arrays, shapes);
        } catch (EOFException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CheckpointException(name + " has a malformed header or body: " + e.getMessage(), e);
        }
    }

    /** Prefix of the optimiser's arrays in a run's checkpoint (Adam's moments, {@code adam/m/NAME}). */
    public static final String OPTIMIZER = "adam/";
    /** Prefix of the transfer methods' own parameters in a run's checkpoint ({@code method/fitnets/W}). */
    public static final String METHOD = "method/";

    /** Whether an array belongs to the run's training state rather than to the model. */
    public static boolean isRunState(String name) {
        return name.startsWith(OPTIMIZER) || name.startsWith(METHOD);
    }

    /**
     * Loads a checkpoint into {@code model}, which must be of the same architecture; nothing is changed on error.
     * A run's checkpoint may also hold the optimiser's state and the methods' parameters: they are ignored here.
     */
    public static Contents load(Network model, Path file) throws IOException {
        Contents c = read(file);
        apply(model, c, file.toString());
        return c;
    }

    public static void apply(Network model, Contents c, String name) throws CheckpointException {
        apply(model.architecture().name(), model.state(), c, name, true);
    }

    /**
     * Copies the checkpoint's arrays into {@code state} (by name, shapes checked first, nothing changed on error).
     * With {@code exact}, the checkpoint may hold no other arrays.
     */
    public static void apply(String architecture, Map<String, INDArray> state, Contents c, String name, boolean exact)
            throws CheckpointException {
        if (!c.architecture().equals(architecture)) {
            throw new CheckpointException(name + " holds a " + c.architecture() + " model, not a " + architecture);
        }
        for (Map.Entry<String, INDArray> e : state.entrySet()) {
            long[] shape = c.shapes().get(e.getKey());
            if (shape == null) {
                throw new CheckpointException(name + " lacks " + e.getKey() + " of " + architecture);
            }
            if (!Arrays.equals(shape, e.getValue().shape())) {
                throw new CheckpointException(name + ": " + e.getKey() + " has shape " + Arrays.toString(shape)
                        + " but the model expects " + Arrays.toString(e.getValue().shape()));
            }
        }
        long own = c.arrays().keySet().stream().filter(k -> !isRunState(k)).count();
        if (exact && own != state.size()) {
            throw new CheckpointException(name + " holds " + own + " arrays but "
                    + architecture + " has " + state.size());
        }
        for (Map.Entry<String, INDArray> e : state.entrySet()) {
            INDArray src = Nd4j.create(c.arrays().get(e.getKey()), e.getValue().shape(), 'c');
            e.getValue().assign(src.castTo(e.getValue().dataType()));
        }
    }
}
