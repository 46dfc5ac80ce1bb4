/**
 * The lesson texts (resources/lessons/part1.json, part2.json): one card per exercise with its goal,
 * formulas (LaTeX), what to change, what to look for and a question. Read by the app's guide and by the
 * notebook export, so both say the same.
 */
package org.transferlab.lessons;
