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
 * Runs.again(configJson).testAccuracies()           // any chapter's run trained again from its config.json
 * }</pre>
 */
package org.transferlab.notebook;
