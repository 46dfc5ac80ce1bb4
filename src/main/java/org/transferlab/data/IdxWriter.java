package org.transferlab.data;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.transferlab.io.AtomicFiles;

/** Writes unsigned-byte IDX files, gzip-compressed when the name ends in {@code .gz}; atomically. */
public final class IdxWriter {
    private IdxWriter() {
    }

    public static void write(Path file, int[] dims, byte[] data) throws IOException {
        long total = 1;
        for (int d : dims) {
            total *= d;
        }
        if (total != data.length) {
            throw new IllegalArgumentException("dims hold " + total + " elements but data has " + data.length);
        }
        boolean gz = file.getFileName().toString().endsWith(".gz");
        AtomicFiles.write(file, raw -> {
            var sink = gz ? new GZIPOutputStream(raw, 1 << 16) : raw;
            var out = new DataOutputStream(sink);
            out.writeByte(0);
            out.writeByte(0);
            out.writeByte(0x08);
            out.writeByte(dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
            out.flush();
            if (sink instanceof GZIPOutputStream g) {
                g.finish();
            }
        });
    }
}
