/**
 * The notebook API: what a tutorial notebook's cells call, over the same engine, run folders and exercise
 * checker as the app and the CLI. No JavaFX.
 *
 * <pre>{@code
 * Models.teacher()                                   // the shipped networks, described
 * var run = Part1.q2().temperature(4).alpha(0.5).epochs(3).train();   // a normal run folder under the runs root
 * run.curves()                                       // loss components and accuracy, as the app's export draws them
 * run.attention(2); run.temperature(); run.testAccuracy();
 * Exercises.check("q2", mySource)                    // the app's answer: checks, the named mistake, its hint
 * Part1.q2().code(mySource).epochs(3).train();      // trained with the student's own loss, in a sandbox
 * var mt = Part2.q2().weighting("uncertainty").epochs(3).train();   // part 2: two tasks, a Part2Run
 * mt.curves(); mt.testAccuracy(); Part2.a2().epochs(2).train().structures();
 * Exercises.check("mtl-q2", myForward); Part2.q2().code(myForward).train();   // part 2's cards alike
 * Runs.again(configJson).testAccuracies()           // any chapter's run trained again from its config.json
 * }</pre>
 */
package org.transferlab.notebook;
