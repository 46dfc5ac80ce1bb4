package org.transferlab.data;

import java.io.IOException;

/** A data file that is not a valid IDX file, or whose images and labels do not fit together. */
public class IdxFormatException extends IOException {
    public IdxFormatException(String message) {
        super(message);
    }

    public IdxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
