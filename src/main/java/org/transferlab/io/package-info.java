/** File helpers shared by every package: atomic writes and the JSON mapper. */
package org.transferlab.io;
