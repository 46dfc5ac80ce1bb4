package org.transferlab.data;

/** Which copy of a data set to use. */
public enum DataKind {
    /** The stratified subset shipped inside TransferLab (always available). */
    EMBEDDED,
    /** The full data set from --data-dir, ~/.transferlab/data or Debian's package; an error if none is found. */
    FULL,
    /** The full data set where one is found, else the embedded subset. */
    AUTO;

    public static DataKind parse(String s) {
        for (DataKind k : values()) {
            if (k.name().equalsIgnoreCase(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown data kind '" + s + "'; choose embedded, full or auto");
    }
}
