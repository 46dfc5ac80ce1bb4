package org.transferlab.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * What the cells' Java process writes to standard output (or error), as it arrives: text goes on to
 * {@code text} (a Jupyter stream), and a {@link Display} block ({@code START mime:base64 … END}) goes to
 * {@code display} as the encoding between the markers. Text that may be the start of a marker, or half a UTF-8
 * character, waits for the next bytes; {@link #release()} at the end of a cell lets it out ({@link #flush()},
 * which a PrintStream calls after every write, does not).
 */
final class CellOutput extends OutputStream {
    private static final byte[] START = Display.START.getBytes(StandardCharsets.UTF_8);

    private final Consumer<String> text;
    private final Consumer<String> display;
    private byte[] pending = new byte[0];

    CellOutput(Consumer<String> text, Consumer<String> display) {
        this.text = text;
        this.display = display;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        ByteArrayOutputStream all = new ByteArrayOutputStream(pending.length + len);
        all.writeBytes(pending);
        all.write(b, off, len);
        pending = all.toByteArray();
        drain(false);
    }

    /** Lets out everything held back (an unclosed display block as text). */
    synchronized void release() {
        drain(true);
    }

    private void drain(boolean all) {
        while (pending.length > 0) {
            int start = indexOf(pending, START, 0);
            if (start < 0) {
                int cut = all ? pending.length : charBoundary(pending, pending.length - partialMarker(pending));
                emitText(cut);
                return;
            }
            emitText(start);
            int end = indexOf(pending, new byte[] {(byte) Display.END}, START.length);
            if (end < 0) {
                if (all) {
                    emitText(pending.length);
                }
                return;
            }
            display.accept(new String(pending, START.length, end - START.length, StandardCharsets.US_ASCII));
            pending = Arrays.copyOfRange(pending, end + 1, pending.length);
        }
    }

    private void emitText(int upTo) {
        if (upTo > 0) {
            text.accept(new String(pending, 0, upTo, StandardCharsets.UTF_8));
            pending = Arrays.copyOfRange(pending, upTo, pending.length);
        }
    }

    /** How many bytes at the end of {@code b} could begin a marker. */
    private static int partialMarker(byte[] b) {
        for (int n = Math.min(START.length - 1, b.length); n > 0; n--) {
            if (Arrays.equals(b, b.length - n, b.length, START, 0, n)) {
                return n;
            }
        }
        return 0;
    }

    /** {@code at}, moved back so that it does not split a UTF-8 character. */
    private static int charBoundary(byte[] b, int at) {
        int i = at;
        while (i > 0 && i < b.length && (b[i] & 0xC0) == 0x80) {
            i--;
        }
        return i;
    }

    private static int indexOf(byte[] b, byte[] what, int from) {
        outer:
        for (int i = from; i <= b.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
