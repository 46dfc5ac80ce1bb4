package org.transferlab.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads unsigned-byte IDX files (the format of MNIST and Fashion-MNIST), gzip-compressed or raw.
 *
 * <p>Layout: two zero bytes, a type byte ({@code 0x08} = unsigned byte, the only type used by these
 * data sets), the number of dimensions, one big-endian 32-bit size per dimension, then the data.
 * Every problem (wrong magic, a size that does not fit, a truncated or over-long body, a corrupt
 * gzip stream) is reported as an {@link IdxFormatException} that names the file.
 */
public final class IdxReader {

    /** Largest body accepted (the full MNIST training images are 47 MB); guards against absurd headers. */
    public static final long MAX_ELEMENTS = 256L * 1024 * 1024;

    /** A decoded IDX file: its dimensions and its bytes in row-major order. */
    public record IdxArray(int[] dims, byte[] data) {
        public int count() {
            return dims[0];
        }
    }

    private IdxReader() {
    }

    public static IdxArray read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "data file not found");
        }
        if (Files.isDirectory(file)) {
            throw new IdxFormatException(file + " is a folder, not an IDX file");
        }
        InputStream opened;
        try {
            opened = Files.newInputStream(file);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new java.nio.file.AccessDeniedException(file.toString(), null,
                    "cannot read this data file (check its permissions, or copy the data to a folder you own)");
        }
        try (InputStream in = opened) {
            return read(in, file.toString());
        }
    }

    /** Reads one IDX file from a stream; {@code name} appears in error messages. */
    public static IdxArray read(InputStream raw, String name) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream in = buffered;
        boolean gz = b0 == 0x1f && b1 == 0x8b;
        try {
            if (gz) {
                in = new GZIPInputStream(buffered, 1 << 16);
            }
            return decode(new DataInputStream(in), name);
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(name + ": " + (gz ? "corrupt or truncated gzip data" : "file ends early")
                    + " (" + e.getMessage() + ")", e);
        }
    }

    private static IdxArray decode(DataInputStream in, String name) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new IdxFormatException(name + ": file is too short to hold an IDX header");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IdxFormatException(String.format(
                    "%s: wrong magic number 0x%02x%02x%02x%02x; an IDX file starts with 0x0000",
                    name, magic[0], magic[1], magic[2], magic[3]));
        }
        if (magic[2] != 0x08) {
            throw new IdxFormatException(String.format(
                    "%s: IDX element type 0x%02x is not supported (only unsigned bytes, 0x08)", name, magic[2]));
        }
        int ndims = magic[3] & 0xff;
        if (ndims < 1 || ndims > 4) {
            throw new IdxFormatException(name + ": IDX header declares " + ndims + " dimensions (expected 1 to 4)");
        }
        int[] dims = new int[ndims];
        long total = 1;
        for (int i = 0; i < ndims; i++) {
            byte[] d = in.readNBytes(4);
            if (d.length < 4) {
                throw new IdxFormatException(name + ": file ends inside the IDX header");
            }
            dims[i] = ((d[0] & 0xff) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff);
            if (dims[i] < 0) {
                throw new IdxFormatException(name + ": dimension " + i + " has a negative size");
            }
            total *= Math.max(1, dims[i]);
            if (total > MAX_ELEMENTS) {
                throw new IdxFormatException(name + ": IDX header declares more than " + MAX_ELEMENTS
                        + " elements; this is not an image or label file of a supported data set");
            }
        }
        if (dims[0] == 0) {
            total = 0;
        }
        // readNBytes grows its buffer as data arrives, so a lying header cannot make us allocate its size.
        byte[] data = in.readNBytes((int) total);
        if (data.length < total) {
            throw new IdxFormatException(name + ": file is truncated: header declares " + total
                    + " bytes of data, found " + data.length);
        }
        if (in.read() != -1) {
            throw new IdxFormatException(name + ": file is longer than its IDX header declares");
        }
        return new IdxArray(dims, data);
    }
}
