package org.transferlab.models;

/** A dropout layer's mask placeholder, width and rate. */
public record DropoutMask(String input, int width, double rate) {
}
