package org.transferlab.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one CSV writer and reader of the application (RFC 4180: comma-separated, fields with a comma, quote or
 * line break quoted, quotes doubled), and the one way numbers appear in its CSV files: six significant digits,
 * {@code NaN} where a value diverged, an empty field where there is none.
 */
public final class Csv {
    private Csv() {
    }

    /** A loss or other measured value with six significant digits. */
    public static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** A field as written: quoted when it has to be. */
    public static String field(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** One row of fields, joined by commas. */
    public static String row(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(field(fields.get(i)));
        }
        return sb.toString();
    }

    /** The fields of one line (quoted fields unquoted). */
    public static List<String> parse(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
