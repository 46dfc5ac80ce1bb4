/**
 * Data: the IDX reader and writer, the data sets TransferLab knows ({@link org.transferlab.data.DatasetId}),
 * where they are found ({@link org.transferlab.data.DatasetLocator}: explicit folder, user folder, Debian,
 * embedded subset), seeded limited-data subsets, the online downloader and the embedded-subset maker.
 * Free of ND4J: images stay bytes until the engine batches them.
 */
package org.transferlab.data;
