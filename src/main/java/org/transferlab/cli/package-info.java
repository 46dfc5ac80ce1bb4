/** The headless command line: {@code train}, {@code models}, {@code download}. Drives the engine only. */
package org.transferlab.cli;
