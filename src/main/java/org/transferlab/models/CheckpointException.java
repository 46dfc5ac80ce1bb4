package org.transferlab.models;

import java.io.IOException;

/** A checkpoint file that cannot be loaded: truncated, foreign, damaged, or for another architecture. */
public class CheckpointException extends IOException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
