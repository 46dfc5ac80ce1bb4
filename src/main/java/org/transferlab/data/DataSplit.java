package org.transferlab.data;

/** A data set's training and test parts, and where they were read from. */
public record DataSplit(DatasetId dataset, ImageSet train, ImageSet test, String source) {
}
