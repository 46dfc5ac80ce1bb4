/** File helpers shared by every package: atomic writes, the JSON mapper, and what differs between operating systems. */
package org.transferlab.io;
