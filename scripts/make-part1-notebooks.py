#!/usr/bin/python3
# Writes notebooks/part1.ipynb (the cells a student fills in left blank, marked TODO) and
# notebooks/part1-solutions.ipynb (filled in, for instructors) from one list of cells, for the TransferLab kernel.
#   python3 scripts/make-part1-notebooks.py
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tutorial_notebook import write_both  # noqa: E402

EPOCHS = 5  # short defaults: the whole solutions notebook runs in a few minutes on two cores

KD_METHOD = '''    public static SDVariable distillationLoss(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                              double T) {
        SDVariable teacherProbs = sd.nn().softmax(teacherLogits.div(T));
        SDVariable studentLogProbs = sd.nn().logSoftmax(studentLogits.div(T));
        SDVariable perImage = teacherProbs.mul(studentLogProbs).sum(1).neg();
        return perImage.mean().mul(T * T);
    }'''
KD_TODO = '''    public static SDVariable distillationLoss(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                              double T) {
        // TODO 1. the teacher's softened distribution p_t = softmax(teacherLogits / T)
        // TODO 2. the student's softened log-probabilities at the same T
        // TODO 3. per image: −Σ_i p_t[i] · log p_s[i]   (sum over axis 1)
        // TODO 4. mean over the batch, times T²
        throw new UnsupportedOperationException("write distillationLoss");
    }'''
KD_WRONG = '''    public static SDVariable distillationLoss(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,
                                              double T) {
        SDVariable teacherProbs = sd.nn().softmax(teacherLogits.div(T));
        SDVariable studentLogProbs = sd.nn().logSoftmax(studentLogits.div(T));
        return teacherProbs.mul(studentLogProbs).sum(1).neg().sum().mul(T * T);   // sum over the batch?
    }'''


def block(method):
    return 'String myKd = """\n' + method + '\n    """;'


# each cell: (kind, solution source, student source or None when the same)
CELLS = [
    ('md', '''# Part 1 · Transfer learning: teacher → student

A large **teacher** (cnn-large) is accurate; a small **student** (cnn-small) learns the same task (Fashion-MNIST),
once alone (Q1) and once with extra losses that make it imitate the teacher: knowledge distillation (Q2),
attention transfer (Q3), both (A1).

Every `train()` below writes a normal run folder under `~/.transferlab/runs` (the app's runs root): open the
app's **Compare runs** to see them beside the runs you made in the app. The settings are short (5 epochs on
1000 images, a higher learning rate) so the notebook runs in minutes; raise `EPOCHS` for the real curves.'''),
    ('code', '''import org.transferlab.notebook.*;

int EPOCHS = %d;        // the app's default is 100
int BATCH = 64;         // the app's default is 128
double LR = 3e-3;       // Adam's learning rate; the app's default is 1e-3 (short runs want a higher one)''' % EPOCHS),
    ('md', '''## Define: the teacher and the student

Both networks ship with TransferLab. Look at their sizes, their layers, and where the attention points
(`group1`, `group2`, `group3`) are: attention transfer compares the two networks there.'''),
    ('code', 'Models.teacher()'),
    ('code', 'Models.teacher().layers()'),
    ('code', 'Models.student()'),
    ('code', 'Models.student().layers()'),
    ('md', '''**Question.** How many times more parameters has the teacher than the student?'''),
    ('code', '''// how many times larger is the teacher?
Models.teacher().parameters() / (double) Models.student().parameters()''',
     '''// TODO: how many times larger is the teacher? (Models.teacher().parameters(), …)
'''),
    ('md', '''## The teacher: load the pre-trained one

Training the teacher takes a while, so a pre-trained cnn-large ships with TransferLab; every student run below
distils from it (its test accuracy is printed when a run starts).'''),
    ('code', '''var teacher = Models.teacher().load();
teacher.parameterCount()'''),
    ('md', '''## Q1 · The student alone (the baseline)

Cross-entropy only. Every run after this one is compared with it.'''),
    ('code', '''var q1 = Part1.q1().epochs(EPOCHS).batchSize(BATCH).learningRate(LR).train();''',
     '''// TODO: train the baseline: Part1.q1() with EPOCHS epochs, BATCH and LR, then .train()
var q1 = '''),
    ('code', 'q1.curves()'),
    ('md', '''## Q2 · Knowledge distillation

The student also matches the teacher's **softened** class probabilities:
`L = (1 − α)·CE + α·T²·mean(−Σ p_t · log p_s)` with `p_t = softmax(z_t/T)`, `log p_s = log_softmax(z_s/T)`.
First write the distillation term yourself: the same card as in the app.'''),
    ('code', 'Exercises.describe("q2")'),
    ('code', block(KD_METHOD), block(KD_TODO)),
    ('code', 'Exercises.check("q2", myKd)'),
    ('md', '''The checker also recognises the usual mistakes. Here is one (summed over the batch instead of averaged):
the answer names it and gives the hint.'''),
    ('code', block(KD_WRONG).replace('myKd', 'wrongKd') + '\nExercises.check("q2", wrongKd)'),
    ('md', '''Now train the student with **your** distillation term (it runs in a sandbox, as in the app's exercise
mode). Without `.code(myKd)` the built-in KD is used.'''),
    ('code', '''var q2 = Part1.q2().temperature(4).alpha(0.5).epochs(EPOCHS).batchSize(BATCH).learningRate(LR)
        .code(myKd).train();''',
     '''// TODO: train Q2 with T = 4, α = 0.5, EPOCHS epochs, BATCH, LR and your code: Part1.q2().temperature(…)….code(myKd).train()
var q2 = '''),
    ('code', 'q2.curves()'),
    ('md', '''The teacher's and the student's softened probabilities for one test image, at the run's T: a higher T
flattens both and shows the teacher's "dark knowledge" (which wrong classes it finds plausible).'''),
    ('code', 'q2.temperature()'),
    ('md', '''## Q3 · Attention transfer

The student's attention maps (a feature tensor collapsed over its channels) are pulled towards the teacher's at
each attention point, with weight β.'''),
    ('code', '''var q3 = Part1.q3().beta(1).epochs(EPOCHS).batchSize(BATCH).learningRate(LR).train();''',
     '''// TODO: train Q3 with β = 1, EPOCHS epochs, BATCH and LR
var q3 = '''),
    ('code', 'q3.curves()'),
    ('code', 'q3.attention(2)'),
    ('md', '''## A1 · KD and AT together'''),
    ('code', '''var a1 = Part1.a1().temperature(4).alpha(0.5).beta(1).epochs(EPOCHS).batchSize(BATCH).learningRate(LR).train();''',
     '''// TODO: train A1 with T = 4, α = 0.5, β = 1, EPOCHS epochs, BATCH and LR
var a1 = '''),
    ('code', 'a1.curves()'),
    ('md', '''### Q1, Q2, Q3 and A1 side by side'''),
    ('code', '''String[][] table = {
    {"run", "methods", "test accuracy", "folder"},
    {"Q1", "CE", String.format("%.4f", q1.testAccuracy()), q1.dir().getFileName().toString()},
    {"Q2", "CE + KD (your code)", String.format("%.4f", q2.testAccuracy()), q2.dir().getFileName().toString()},
    {"Q3", "CE + AT", String.format("%.4f", q3.testAccuracy()), q3.dir().getFileName().toString()},
    {"A1", "CE + KD + AT", String.format("%.4f", a1.testAccuracy()), a1.dir().getFileName().toString()},
};
table'''),
    ('md', '''**Question.** After only a few epochs, which run is best? Does that still hold after 30 epochs, or with
another T or α? Train again and compare, here or in the app's Compare runs.'''),
]


write_both(CELLS, 'part1')
