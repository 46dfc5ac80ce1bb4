/**
 * The workspace: one to four tiles side by side, each any view of any chapter, bound to the live run or to a saved
 * one (at any epoch it kept); ready-made classroom layouts and the user's own; a tile in its own window; the whole
 * workspace exported as one figure. The tiles draw live charts where a chapter's screen has them and, otherwise,
 * the figures its chapter builds from run folders, so a saved run shows what the room saw live.
 */
package org.transferlab.ui.workspace;
