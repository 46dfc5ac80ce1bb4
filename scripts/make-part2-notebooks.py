#!/usr/bin/python3
# Writes notebooks/part2.ipynb (the cells a student fills in left blank, marked TODO) and
# notebooks/part2-solutions.ipynb (filled in, for instructors) from one list of cells, for the TransferLab kernel.
#   python3 scripts/make-part2-notebooks.py
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tutorial_notebook import write_both  # noqa: E402

EPOCHS = 3      # short defaults: the whole solutions notebook runs in a few minutes on two cores
IMAGES = 320
A2_EPOCHS = 2
A2_IMAGES = 240

Q1_METHOD = '''    public static SDVariable[] forward(SameDiff sd, SDVariable x1, SDVariable x2, Params p) {
        SDVariable h1 = x1, h2 = x2;
        for (int b = 1; b <= 3; b++) {          // the same blocks, the same weights, for both inputs
            h1 = block(sd, h1, p, b);
            h2 = block(sd, h2, p, b);
        }
        return new SDVariable[]{head(sd, h1, p, 1), head(sd, h2, p, 2)};
    }

    static SDVariable block(SameDiff sd, SDVariable x, Params p, int b) {
        SDVariable h = Blocks.conv3x3(sd, x, p.get("b" + b + ".conv.W"), p.get("b" + b + ".conv.b"));
        h = Blocks.relu(sd, Blocks.batchNorm(sd, h, p.get("b" + b + ".bn.gamma"), p.get("b" + b + ".bn.beta")));
        return b < 3 ? Blocks.maxPool2(sd, h) : h;
    }

    static SDVariable head(SameDiff sd, SDVariable h, Params p, int task) {
        return Blocks.dense(sd, Blocks.globalAvgPool(sd, h), p.get("head" + task + ".W"), p.get("head" + task + ".b"));
    }'''
Q1_TODO = '''    public static SDVariable[] forward(SameDiff sd, SDVariable x1, SDVariable x2, Params p) {
        // TODO 1. a helper block(sd, x, p, b): conv3x3 (b<b>.conv.W, b<b>.conv.b) → batchNorm (b<b>.bn.gamma/beta)
        //         → relu, then maxPool2 after blocks 1 and 2
        // TODO 2. run x1 and x2 through blocks 1, 2, 3: the same parameter names, so the same weights
        // TODO 3. per task: globalAvgPool, then dense with head1.* (task 1) or head2.* (task 2)
        throw new UnsupportedOperationException("write forward");
    }'''
Q2_METHOD = '''    public static SDVariable[] forward(SameDiff sd, SDVariable x1, SDVariable x2, Params p) {
        SDVariable h1 = x1, h2 = x2;
        for (int b = 1; b <= 3; b++) {
            h1 = block(sd, h1, p, b, 1);
            h2 = block(sd, h2, p, b, 2);
        }
        return new SDVariable[]{head(sd, h1, p, 1), head(sd, h2, p, 2)};
    }

    /** The convolution is shared; the batch norm is task t's own. */
    static SDVariable block(SameDiff sd, SDVariable x, Params p, int b, int t) {
        SDVariable h = Blocks.conv3x3(sd, x, p.get("b" + b + ".conv.W"), p.get("b" + b + ".conv.b"));
        String bn = "b" + b + ".bn" + t;
        h = Blocks.relu(sd, Blocks.batchNorm(sd, h, p.get(bn + ".gamma"), p.get(bn + ".beta")));
        return b < 3 ? Blocks.maxPool2(sd, h) : h;
    }

    static SDVariable head(SameDiff sd, SDVariable h, Params p, int task) {
        return Blocks.dense(sd, Blocks.globalAvgPool(sd, h), p.get("head" + task + ".W"), p.get("head" + task + ".b"));
    }'''
Q2_TODO = '''    public static SDVariable[] forward(SameDiff sd, SDVariable x1, SDVariable x2, Params p) {
        // TODO: start from your Q1 forward; give the block helper the task number t and normalise with
        //       b<b>.bn<t>.gamma and b<b>.bn<t>.beta (the convolution b<b>.conv.* stays shared)
        throw new UnsupportedOperationException("write forward");
    }'''
UNC_METHOD = '''    public static SDVariable weightedLoss(SameDiff sd, SDVariable losses, SDVariable s) {
        SDVariable weights = sd.math().exp(s.neg());          // w_i = exp(−s_i)
        return weights.mul(losses).add(s.div(2)).sum();       // Σ_i exp(−s_i)·L_i + s_i/2
    }'''
UNC_TODO = '''    public static SDVariable weightedLoss(SameDiff sd, SDVariable losses, SDVariable s) {
        // TODO 1. the weights w_i = exp(−s_i), element-wise on the vector s
        // TODO 2. per task: w_i · L_i + s_i / 2
        // TODO 3. the sum over the two tasks (one number)
        throw new UnsupportedOperationException("write weightedLoss");
    }'''
UNC_WRONG = '''    public static SDVariable weightedLoss(SameDiff sd, SDVariable losses, SDVariable s) {
        return sd.math().exp(s).mul(losses).add(s.div(2)).sum();   // exp(s)?
    }'''


def block(name, method):
    return 'String ' + name + ' = """\n' + method + '\n    """;'


SETTINGS = 'Part2.q1().epochs(EPOCHS).trainSize(IMAGES).batchSize(BATCH).learningRate(LR)'

# each cell: (kind, solution source, student source or None when the same)
CELLS = [
    ('md', '''# Part 2 · Multi-task learning: one network, two tasks

Part 1 moved what one network knows into another. Part 2 asks a different question: can **one** network learn
**two** tasks at the same time, and what should the two tasks share? Task 1 reads handwritten digits (MNIST),
task 2 reads small photos of clothes (Fashion-MNIST). Each task brings its own images and labels; the network has
one convolutional trunk that both tasks use and one classification head per task.

Every `train()` below writes a normal run folder under `~/.transferlab/runs` (the app's runs root), so the app's
**Compare runs** lists these runs beside the ones made in the app. The settings are short (%d epochs on %d images
per task, small batches, a higher learning rate) so the notebook runs in minutes: expect the numbers to move from
run to run; raise them for curves worth comparing.''' % (EPOCHS, IMAGES)),
    ('code', '''import org.transferlab.notebook.*;

int EPOCHS = %d;        // the app's default is 30
int IMAGES = %d;      // training images per task; the app's default is 1000
int BATCH = 16;         // the app's default is 128
double LR = 1e-2;       // Adam's learning rate; the app's default is 1e-3 (short runs want a higher one)''' % (EPOCHS, IMAGES)),
    ('md', '''## The trunk and the heads

The trunk has three blocks, each a 3×3 convolution, batch norm and ReLU (8, 16 and 32 channels), with 2×2 max
pooling after the first two. A head is global average pooling and one dense layer to the task's 10 classes. Both
tasks' losses are cross-entropies; training minimises their weighted sum `L = w1·L1 + w2·L2` (here `w1 = w2 = 1`
until the section on weighting). In each step, task 1's batch and task 2's batch each go forward and backward, and
the trunk is updated with both tasks' gradients.'''),
    ('md', '''## Q1 · One trunk, two heads

Write the model as on the app's card: both inputs go through the *same* three blocks (same parameter names, so
the same weights), and each task ends in its own head.'''),
    ('code', 'Exercises.describe("mtl-q1")'),
    ('code', block('myQ1', Q1_METHOD), block('myQ1', Q1_TODO)),
    ('code', 'Exercises.check("mtl-q1", myQ1)'),
    ('md', '''Now train Q1. The run uses TransferLab's own two-task network, the one your forward pass was just checked
against (`.code(myQ1)` would train yours instead, in a sandbox process, more slowly).'''),
    ('code', 'var q1 = %s.train();' % SETTINGS,
     '''// TODO: train Q1: Part2.q1() with EPOCHS epochs, IMAGES images per task, BATCH and LR, then .train()
var q1 = '''),
    ('code', 'q1.curves()'),
    ('md', '''Do the two tasks agree on how to change the trunk? The cosine between task 1's and task 2's gradients on
the shared weights says so step by step: near 1 they push the same way, near 0 they are unrelated, below 0 one
task's step undoes the other's.'''),
    ('code', 'q1.conflictCurve()'),
    ('md', '''## Q2 · Batch norm per task

Digits are thin bright strokes on an empty background; clothes fill the frame with grey textures. In Q1 a single
batch norm layer normalises both with one set of statistics and one γ and β. Q2 keeps the convolutions shared but
gives every block one batch norm per task: `out1 = relu(bn1(conv(in1)))`, `out2 = relu(bn2(conv(in2)))`. Each task
is normalised with its own batch's statistics and keeps its own running averages for testing; the extra cost is a
γ and a β per channel and task.'''),
    ('code', 'Exercises.describe("mtl-q2")'),
    ('code', block('myQ2', Q2_METHOD), block('myQ2', Q2_TODO)),
    ('code', 'Exercises.check("mtl-q2", myQ2)'),
    ('code', 'var q2 = %s.train();' % SETTINGS.replace('q1()', 'q2()'),
     '''// TODO: train Q2 with the same settings as Q1: Part2.q2()….train()
var q2 = '''),
    ('code', 'q2.curves()'),
    ('md', '''### Q1 and Q2 side by side'''),
    ('code', '''String[][] q1q2 = {
    {"run", "structure", "parameters", "MNIST", "Fashion-MNIST"},
    {"Q1", q1.bestStructure(), String.valueOf(q1.parameters()), String.format("%.4f", q1.testAccuracy(1)),
        String.format("%.4f", q1.testAccuracy(2))},
    {"Q2", q2.bestStructure(), String.valueOf(q2.parameters()), String.format("%.4f", q2.testAccuracy(1)),
        String.format("%.4f", q2.testAccuracy(2))},
};
q1q2'''),
    ('md', '''**Question.** How many parameters did batch norm per task add? Which task gained more from it, and does
that still hold with another `.seed(…)`?'''),
    ('md', '''## Weighting the two losses

Nothing forces `w1 = w2 = 1`: a task with a larger or noisier loss can dominate the shared weights. Hand-tuning
the weights means a grid of runs; the lecture's methods set them during training instead. **Uncertainty
weighting** (Kendall et al., 2018) gives each task a learned `s_i = log σ_i²` and trains
`Σ_i exp(−s_i)·L_i + s_i/2` together with the network: a task can shrink its weight `exp(−s_i)` by raising
`s_i`, but the `s_i/2` term makes that cost something, so the weights settle instead of vanishing. (GradNorm,
MGDA-UB, DWA and PCGrad are there too: `.weighting("gradnorm")`, `"mgda"`, `"dwa"`, `"pcgrad"`.)'''),
    ('code', 'Exercises.describe("uncertainty")'),
    ('code', block('myWeighting', UNC_METHOD), block('myWeighting', UNC_TODO)),
    ('code', 'Exercises.check("uncertainty", myWeighting)'),
    ('md', '''A classic slip, checked: the weight written as `exp(s)` instead of `exp(−s)`. The answer names the mistake
and says why it breaks training.'''),
    ('code', block('wrongWeighting', UNC_WRONG) + '\nExercises.check("uncertainty", wrongWeighting)'),
    ('md', '''Train Q2 again with **your** weighting (in a sandbox process, as the app's exercise mode does); the middle
chart shows the weights `exp(−s_i)` it learns.'''),
    ('code', 'var q2u = %s\n        .weightingCode(myWeighting).train();' % SETTINGS.replace('q1()', 'q2()'),
     '''// TODO: train Q2 with the same settings and your weighting: Part2.q2()….weightingCode(myWeighting).train()
var q2u = '''),
    ('code', 'q2u.curves()'),
    ('code', 'q2u.finalWeights()'),
    ('md', '''**Question.** Which task did the weighting turn down, and is it the one with the larger loss? What do the
weights do if you start from `.initialS(2, 0)`?'''),
    ('md', '''## A2 · Which structure is best?

How much to share is a design choice. A2 trains every combination from the same seed: 0, 1, 2 or 3 shared blocks
(0 means two separate networks, the single-task reference), with batch norm shared or per task, and plots each
one's test accuracy against its parameter count. Seven runs make this the longest cell, so it uses fewer images
and epochs. With so few steps the digits task often stays near chance (10 %) on the test set although its
training loss falls (at test time batch norm uses its running statistics, which may not have caught up with
the weights yet). Read the result as the method, not as the verdict.'''),
    ('code', '''var a2 = Part2.a2().epochs(%d).trainSize(%d).batchSize(BATCH).learningRate(LR)
        .evalEvery(%d).train();   // test each structure once, at its end''' % (A2_EPOCHS, A2_IMAGES, A2_EPOCHS),
     '''// TODO: train A2 with %d epochs per structure on %d images per task, BATCH and LR, tested only at the end
//       of each structure (.evalEvery(%d))
var a2 = ''' % (A2_EPOCHS, A2_IMAGES, A2_EPOCHS)),
    ('code', 'a2.structures()'),
    ('code', 'a2.structureChart()'),
    ('md', '''**Question.** Which structure gives the most accuracy per parameter? Does the ranking change with the app's
defaults (30 epochs, 1000 images per task)? Train it there or here, and compare the runs in Compare runs.'''),
]


write_both(CELLS, 'part2')
