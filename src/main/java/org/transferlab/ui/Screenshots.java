package org.transferlab.ui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.transferlab.io.AtomicFiles;

/**
 * Renders the README's screenshots from real runs: opens the window, trains Q1, Q2, Q3 and A1 briefly on the
 * embedded data, and saves each view (and one in presentation mode) as PNG. Run it under a display, e.g.
 * {@code xvfb-run -a -s "-screen 0 1600x1000x24" java -jar target/transferlab.jar screenshots --out docs/screenshots}.
 */
public final class Screenshots {
    static volatile Consumer<TransferLabApp> hook;
    private static volatile Throwable failure;

    private Screenshots() {
    }

    /** Returns 0 when every screenshot was written. */
    public static int run(Path out, int epochs) throws IOException {
        return run(out, epochs, null);
    }

    /** As {@link #run(Path, int)}; {@code chapter} "multimnist" takes chapter 4's screenshots alone. */
    public static int run(Path out, int epochs, String chapter) throws IOException {
        Files.createDirectories(out);
        return withWindow(app -> {
            if ("multimnist".equals(chapter)) {
                multiMnist(app, out);
            } else if ("l2t".equals(chapter)) {
                l2t(app, out);
            } else if ("shell".equals(chapter)) {
                shell(app, out);
            } else if ("classroom".equals(chapter)) {
                classroom(app, out);
            } else if ("workspace".equals(chapter)) {
                workspace(app, out);
            } else if ("dark-knowledge".equals(chapter)) {
                darkKnowledge(app, out);
            } else if ("forgetting".equals(chapter)) {
                forgetting(app, out);
            } else if ("learned".equals(chapter)) {
                learned(app, out);
            } else {
                script(app, out, epochs);
            }
        });
    }

    /**
     * Chapter 3's forgetting view (screenshot 43): fine-tune all, then LwF, on fashion-split with 10 labels per
     * class at the chapter's 150 steps, seed 0; the source task's accuracy of both against the epoch.
     */
    private static void forgetting(TransferLabApp app, Path out) throws Exception {
        for (String strategy : List.of("all", "lwf")) {
            fx(() -> {
                app.show("finetune-train");
                app.fineTune().trainView().set("fashion-split", 10, strategy);
                app.fineTune().start(1);
                return null;
            });
            Thread.sleep(500);
            while (fx(() -> app.fineTune().running())) {
                Thread.sleep(250);
            }
        }
        fx(() -> {
            app.show("finetune-forgetting");
            return null;
        });
        Thread.sleep(800);
        save(app, out.resolve("43-finetune-forgetting.png"));
    }

    /** What a screenshot script does with the open window (on a thread of its own). */
    private interface Script {
        void run(TransferLabApp app) throws Exception;
    }

    /** Opens the window, runs {@code script} beside it, closes it; 0, or 1 with the failure printed. */
    private static int withWindow(Script script) {
        failure = null;
        hook = app -> {
            Thread t = new Thread(() -> {
                try {
                    script.run(app);
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    Platform.exit();
                }
            }, "transferlab-screenshots");
            t.setDaemon(true);
            t.start();
        };
        TransferLabApp.open();
        if (failure != null) {
            System.err.println("screenshots failed: " + failure);
            return 1;
        }
        return 0;
    }

    private static void script(TransferLabApp app, Path out, int epochs) throws Exception {
        for (String id : List.of("q1", "q2", "q3", "a1")) {
            fx(() -> {
                app.applyShippedScenario(id);
                app.setup().epochsField().set(epochs);
                app.startRun();
                return null;
            });
            Thread.sleep(500);
            while (fx(app::isTraining)) {
                Thread.sleep(250);
            }
        }
        // three seeds of the baseline, then two methods no exercise names, each with its generated section (the
        // last run has a teacher and RKD, for the relations view)
        fx(() -> {
            app.applyShippedScenario("q1");
            app.setup().epochsField().set(epochs);
            app.trainSeeds(3);
            return null;
        });
        Thread.sleep(500);
        while (fx(() -> app.isTraining() || app.hasQueuedRuns())) {
            Thread.sleep(250);
        }
        for (List<String> methods : List.of(List.of("fitnets"), List.of("kd", "rkd"))) {
            fx(() -> {
                app.applyShippedScenario("q1");
                app.setup().epochsField().set(epochs);
                app.setup().selectMethods(methods);
                return null;
            });
            fx(() -> {
                app.trainSeeds(methods.contains("rkd") ? 3 : 1);
                return null;
            });
            Thread.sleep(500);
            while (fx(() -> app.isTraining() || app.hasQueuedRuns())) {
                Thread.sleep(250);
            }
        }
        String[] names = {"curves", "attention", "temperature", "anatomy", "compare"};
        for (int i = 0; i < names.length; i++) {
            final String view = names[i];
            fx(() -> {
                app.show(view);
                return null;
            });
            if (names[i].equals("temperature")) {
                fx(() -> {
                    app.temperatureView().temperatureSlider().setValue(4);
                    return null;
                });
            }
            Thread.sleep(800);
            save(app, out.resolve(String.format("%d-%s.png", i + 1, names[i])));
        }
        fx(() -> {
            app.setup().selectMethods(List.of("fitnets", "rkd"));
            app.show("curves");
            app.scrollSetup(0.62);
            return null;
        });
        Thread.sleep(800);
        save(app, out.resolve("11-methods-from-the-registry.png"));
        fx(() -> {
            app.show("relations");
            return null;
        });
        Thread.sleep(800);
        save(app, out.resolve("12-relations.png"));
        fx(() -> {
            app.scrollSetup(0);
            return null;
        });
        fx(() -> {
            app.presentation(true);
            app.applyShippedScenario("q2");
            app.show("temperature");
            return null;
        });
        Thread.sleep(800);
        save(app, out.resolve("6-presentation-mode.png"));
        fx(() -> {
            app.presentation(false);
            app.applyShippedScenario("q3");
            app.show("attention");
            app.setup().epochsField().field().setText("0");
            app.setup().batchField().field().setText("12x");
            app.scrollSetup(1.0);
            return null;
        });
        Thread.sleep(400);
        save(app, out.resolve("7-field-validation.png"));
        fx(() -> {
            app.applyShippedScenario("a1");
            app.setup().epochsField().set(epochs);
            app.scrollSetup(0);
            app.show("multitask");
            app.multiTask().select(org.transferlab.part2.MultiTaskExercise.A2, "mgda", Math.max(2, epochs / 4), 1000);
            app.multiTask().fire();
            return null;
        });
        Thread.sleep(500);
        while (fx(app::isTrainingMultiTask)) {
            Thread.sleep(250);
        }
        Thread.sleep(800);
        save(app, out.resolve("8-multi-task.png"));
        fx(() -> {
            app.show("exercises");
            var ex = app.exercises();
            ex.cardBox().setValue(org.transferlab.exercises.Cards.get("at"));
            ex.editor().replaceText(org.transferlab.exercises.Cards.mistakeExample("at", "no-abs"));
            ex.checkButton().fire();
            return null;
        });
        Thread.sleep(500);
        while (fx(() -> app.exercises().isChecking())) {
            Thread.sleep(250);
        }
        fx(() -> {
            app.exercises().revealHints(2);
            return null;
        });
        Thread.sleep(800);
        save(app, out.resolve("9-exercise-check.png"));
        // chapter 3: three strategies at three labels per class, then each of its views
        for (String strategy : List.of("scratch", "linear-probe", "all")) {
            fx(() -> {
                app.show("finetune-train");
                app.fineTune().trainView().set("fashion-split", 3, strategy);
                app.fineTune().start(1);
                return null;
            });
            Thread.sleep(500);
            while (fx(() -> app.fineTune().running())) {
                Thread.sleep(250);
            }
        }
        fx(() -> {
            app.fineTune().trainView().set("fashion-split", 3, "top-1");
            app.fineTune().trainView().overrideLayer("g2_conv1", "0.1");
            return null;
        });
        Thread.sleep(800);
        save(app, out.resolve("13-finetune.png"));
        for (String[] v : new String[][]{{"finetune-drift", "14-finetune-drift"}, {"finetune-labels", "15-finetune-labels"},
                {"finetune-generality", "17-finetune-generality"}}) {
            fx(() -> {
                app.show(v[0]);
                return null;
            });
            Thread.sleep(800);
            save(app, out.resolve(v[1] + ".png"));
        }
        fx(() -> {
            app.show("finetune-neighbours");
            return null;
        });
        while (!fx(() -> app.fineTune().neighboursView().ready())) {
            Thread.sleep(250);
        }
        fx(() -> {
            app.fineTune().neighboursView().query(7);
            return null;
        });
        Thread.sleep(800);
        save(app, out.resolve("16-finetune-neighbours.png"));
        multiMnist(app, out);
        l2t(app, out);
    }

    /**
     * Part 1's Learned view after a 10-epoch VID run: each teacher channel's learned σ, and the teacher's and the
     * student's logit correlations (screenshot 44).
     */
    private static void learned(TransferLabApp app, Path out) throws Exception {
        fx(() -> {
            app.applyShippedScenario("q1");
            app.setup().epochsField().set(10);
            app.setup().selectMethods(List.of("vid"));
            app.startRun();
            return null;
        });
        Thread.sleep(500);
        while (fx(app::isTraining)) {
            Thread.sleep(250);
        }
        fx(() -> {
            app.show("learned");
            return null;
        });
        Thread.sleep(4000); // the figures are drawn off the JavaFX thread
        save(app, out.resolve("44-part1-learned.png"));
    }

    /**
     * The dark-knowledge screen: the digit never shown, trained from its controls (10 teacher epochs, 8 per
     * student), its figures as they stand at the end; then the same in projector mode.
     */
    private static void darkKnowledge(TransferLabApp app, Path out) throws Exception {
        fx(() -> {
            app.showChapter("dark-knowledge");
            app.darkKnowledge().experimentBox().setValue(org.transferlab.darkknowledge.Experiment.OMITTED);
            app.darkKnowledge().teacherEpochsField().setText("10");
            app.darkKnowledge().epochsField().setText("8");
            app.darkKnowledge().start();
            return null;
        });
        Thread.sleep(2000);
        while (fx(() -> app.darkKnowledge().running())) {
            Thread.sleep(250);
        }
        Thread.sleep(3000); // the last redraw
        save(app, out.resolve("41-dark-knowledge.png"));
        fx(() -> {
            app.presentation(true);
            return null;
        });
        Thread.sleep(1500);
        save(app, out.resolve("42-dark-knowledge-projector.png"));
        fx(() -> {
            app.presentation(false);
            return null;
        });
    }

    /**
     * The L2T chapter, both runs from the cnn-large source into cnn-small: FM one-to-one, then L2T-ww with the
     * budget-scaled meta learning rate (its λ heat map and channel weights), accuracy overlaid.
     */
    private static void l2t(TransferLabApp app, Path out) throws Exception {
        for (String m : new String[]{"fm-one", "l2t-ww"}) {
            fx(() -> {
                app.showChapter("l2t");
                app.l2t().view().set(m, 10, 75);
                app.l2t().view().setNetworks("cnn-large", "cnn-small", m.equals("l2t-ww") ? "5e-3" : "1e-4");
                app.l2t().start();
                return null;
            });
            Thread.sleep(500);
            while (fx(() -> app.l2t().running())) {
                Thread.sleep(250);
            }
        }
        fx(() -> {
            app.l2t().view().showLambdaPerPair(true); // how L2T-ww switched the pairs off
            return null;
        });
        Thread.sleep(800);
        save(app, out.resolve("20-l2t.png"));
        fx(() -> {
            app.show("l2t-table");
            return null;
        });
        Thread.sleep(500);
        save(app, out.resolve("21-l2t-table.png"));
    }

    /**
     * Chapter 4: a short cross-stitch run with PCGrad (its α live, the gradient conflict, the projected step, its
     * point on the shipped front), then hard sharing with MGDA-UB (the min-norm point on ∂L/∂Z).
     */
    private static void multiMnist(TransferLabApp app, Path out) throws Exception {
        String[][] runs = {{"cross-stitch", "pcgrad", "18-multimnist.png"}, {"hard", "mgda-ub", "19-multimnist-mgda-ub.png"}};
        for (String[] r : runs) {
            fx(() -> {
                app.showChapter("multimnist");
                app.multiMnist().view().set(r[0], r[1], 3, 10_000);
                app.multiMnist().start();
                return null;
            });
            Thread.sleep(500);
            while (fx(() -> app.multiMnist().running())) {
                Thread.sleep(250);
            }
            Thread.sleep(800);
            save(app, out.resolve(r[2]));
        }
    }

    /**
     * The shell over the chapter registry: the toolbar's progress, Pause and Stop following a part-2, a chapter-3
     * and an L2T run (each caught mid-run), then Compare runs with the runs of the three chapters.
     */
    private static void shell(TransferLabApp app, Path out) throws Exception {
        fx(() -> {
            app.showChapter("part2");
            app.multiTask().select(org.transferlab.part2.MultiTaskExercise.Q2, "uncertainty", 3, 2000);
            app.multiTask().fire();
            return null;
        });
        midRun(app, out.resolve("22-toolbar-part2.png"));
        while (fx(app::isTrainingMultiTask)) {
            Thread.sleep(250);
        }
        fx(() -> {
            app.showChapter("finetune");
            app.fineTune().trainView().set("fashion-to-mnist", 10, "all");
            app.fineTune().start(1);
            return null;
        });
        midRun(app, out.resolve("23-toolbar-finetune.png"));
        while (fx(() -> app.fineTune().running())) {
            Thread.sleep(250);
        }
        fx(() -> {
            app.showChapter("l2t");
            app.l2t().view().set("l2t-ww", 10, 20);
            app.l2t().start();
            return null;
        });
        midRun(app, out.resolve("24-toolbar-l2t.png"));
        while (fx(() -> app.l2t().running())) {
            Thread.sleep(250);
        }
        Thread.sleep(500);
        fx(() -> {
            app.show("compare");
            return null;
        });
        Thread.sleep(800);
        save(app, out.resolve("25-compare-chapters.png"));
        fx(() -> app.openRun(app.compare().runs().stream().filter(r -> r.chapter().equals("l2t")).findFirst()
                .orElseThrow().dir()));
        Thread.sleep(2500);
        save(app, out.resolve("32-opened-run.png"));
    }

    /**
     * What a walk-through in class looks at (issue 26): part 1's progress line mid-run (its rate and time left
     * agree) and a KD run stopped at an epoch boundary over the loss anatomy (KD's KL part stacked, the teacher's
     * entropy stated apart); the exercise editor with a card's long signature; part 2 and chapter 4 with fixed
     * weights 1 and 1 (their weight curves coincide, and say so); the L2T-ww λ heat map with its colour bar.
     */
    private static void classroom(TransferLabApp app, Path out) throws Exception {
        fx(() -> {
            app.applyShippedScenario("q2");
            app.setup().epochsField().set(3);
            app.setup().trainSizeField().set(3000);
            app.show("anatomy");
            app.startRun();
            // stop as epoch 2 ends: the run stops at the boundary, before any step of epoch 3
            var run = app.currentRun();
            run.addListener(new org.transferlab.engine.TrainingListener() {
                @Override
                public void onEpoch(org.transferlab.engine.EpochMetrics e) {
                    if (e.epoch() == 2) {
                        run.control().stop();
                    }
                }
            });
            return null;
        });
        long until = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < until) {
            String text = fx(app::progressText);
            if (text.contains(" · step ") && !text.contains("step 1/") && !text.contains("step 2/")) {
                break;
            }
            Thread.sleep(100);
        }
        save(app, out.resolve("26-classroom-progress.png"));
        while (fx(app::isTraining)) {
            Thread.sleep(250);
        }
        Thread.sleep(800);
        save(app, out.resolve("27-classroom-stopped-anatomy.png"));
        fx(() -> {
            app.show("exercises");
            app.exercises().cardBox().setValue(org.transferlab.exercises.Cards.get("kd-at"));
            return null;
        });
        Thread.sleep(800);
        save(app, out.resolve("28-classroom-exercise-editor.png"));
        fx(() -> {
            app.showChapter("part2");
            app.multiTask().select(org.transferlab.part2.MultiTaskExercise.Q2, "fixed", 2, 1000);
            app.multiTask().fire();
            return null;
        });
        Thread.sleep(500);
        while (fx(app::isTrainingMultiTask)) {
            Thread.sleep(250);
        }
        Thread.sleep(800);
        save(app, out.resolve("29-classroom-part2-fixed-weights.png"));
        fx(() -> {
            app.showChapter("multimnist");
            app.multiMnist().view().set("hard", "fixed", 1, 2000);
            app.multiMnist().start();
            return null;
        });
        Thread.sleep(500);
        while (fx(() -> app.multiMnist().running())) {
            Thread.sleep(250);
        }
        Thread.sleep(800);
        save(app, out.resolve("30-classroom-multimnist-fixed-weights.png"));
        fx(() -> {
            app.showChapter("l2t");
            app.l2t().view().set("l2t-ww", 10, 15);
            app.l2t().view().setNetworks("cnn-small", "cnn-small", "5e-3");
            app.l2t().start();
            return null;
        });
        Thread.sleep(500);
        while (fx(() -> app.l2t().running())) {
            Thread.sleep(250);
        }
        fx(() -> {
            app.l2t().view().showLambdaPerPair(true);
            return null;
        });
        Thread.sleep(800);
        save(app, out.resolve("31-classroom-l2t.png"));
    }

    /** Waits until the toolbar shows a run's steps, then saves the window. */
    private static void midRun(TransferLabApp app, Path file) throws Exception {
        long until = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < until) {
            String text = fx(app::followedRun);
            if (text != null && text.contains("step ") && !text.contains("step 1/")) {
                break;
            }
            Thread.sleep(100);
        }
        Thread.sleep(300);
        save(app, file);
    }

    /**
     * Projector mode at one window size: every view of every chapter (set-up and guide drawers closed, then open)
     * and every classroom layout, each checked for text cut or controls past the window's edge ({@link Fit}); with
     * {@code out} given, one image per chapter (its first view) and per layout. Returns the problems, one line each,
     * naming the size, chapter and view. Call from a thread other than JavaFX's.
     */
    static List<String> projector(TransferLabApp app, Path out, int width, int height) throws Exception {
        return fit(app, out, width, height, true);
    }

    /** As {@link #projector}, in projector mode or in the window's ordinary mode. */
    static List<String> fit(TransferLabApp app, Path out, int width, int height, boolean projector) throws Exception {
        List<String> problems = new java.util.ArrayList<>();
        String size = width + "x" + height + (projector ? "" : " (ordinary mode)");
        String prefix = projector ? "projector-" : "window-";
        fx(() -> {
            app.presentation(projector);
            app.stage().setWidth(width);
            app.stage().setHeight(height);
            return null;
        });
        Thread.sleep(300);
        for (org.transferlab.chapters.Chapter c : org.transferlab.chapters.Chapters.all()) {
            List<String> viewIds = fx(() -> {
                app.showChapter(c.id());
                return app.tabs().getTabs().stream().map(t -> (String) t.getUserData()).toList();
            });
            boolean first = true;
            for (String v : viewIds) {
                if (v.equals(TransferLabApp.WORKSPACE)) {
                    continue; // the layouts below
                }
                for (boolean drawers : List.of(false, true)) {
                    fx(() -> {
                        app.show(v);
                        app.openDrawers(drawers, false);
                        return null;
                    });
                    Thread.sleep(150);
                    problems.addAll(fx(() -> Fit.problems(app.stage().getScene())).stream()
                            .map(p -> size + " · " + c.id() + " · " + v + (drawers ? " · set-up open" : "") + ": " + p)
                            .toList());
                    if (drawers) { // the guide drawer, alone
                        fx(() -> {
                            app.openDrawers(false, true);
                            return null;
                        });
                        Thread.sleep(150);
                        problems.addAll(fx(() -> Fit.problems(app.stage().getScene())).stream()
                                .map(p -> size + " · " + c.id() + " · " + v + " · guide open: " + p).toList());
                        fx(() -> {
                            app.openDrawers(false, false);
                            return null;
                        });
                    }
                }
                if (first && out != null) {
                    Thread.sleep(400);
                    save(app, out.resolve(prefix + width + "x" + height + "-" + c.id() + ".png"));
                }
                first = false;
            }
        }
        int i = 1;
        for (org.transferlab.ui.workspace.Layout l : org.transferlab.ui.workspace.Layout.builtIn()) {
            fx(() -> {
                app.showChapter("part1");
                app.show(TransferLabApp.WORKSPACE);
                app.workspace().apply(l);
                return null;
            });
            Thread.sleep(600);
            problems.addAll(fx(() -> Fit.problems(app.stage().getScene())).stream()
                    .map(p -> size + " · workspace \"" + l.name() + "\": " + p).toList());
            if (out != null) {
                save(app, out.resolve(prefix + width + "x" + height + "-layout-" + i + "-"
                        + org.transferlab.export.Figures.slug(l.name()) + ".png"));
            }
            i++;
        }
        return problems;
    }

    /** {@code screenshots --size WxH --projector}: the images and the problems found, printed; 3 when any. */
    public static int projector(Path out, int width, int height) throws IOException {
        return fit(out, width, height, true);
    }

    /** {@code screenshots --size WxH [--projector]}: the images and the problems found, printed; 3 when any. */
    public static int fit(Path out, int width, int height, boolean projector) throws IOException {
        Files.createDirectories(out);
        List<String> found = new java.util.ArrayList<>();
        if (withWindow(app -> found.addAll(fit(app, out, width, height, projector))) != 0) {
            return 1;
        }
        found.forEach(System.out::println);
        String mode = projector ? "projector mode" : "ordinary mode";
        System.out.println(found.isEmpty() ? mode + " at " + width + "x" + height + ": nothing cut, nothing past "
                + "the window's edge" : found.size() + " problems in " + mode + " at " + width + "x" + height);
        return found.isEmpty() ? 0 : 3;
    }

    /**
     * The workspace: the classroom layouts with a run training live, part 1 beside part 2, a tile in its own window,
     * and a saved 100-epoch run at epoch 10 and at epoch 100.
     */
    private static void workspace(TransferLabApp app, Path out) throws Exception {
        org.transferlab.ui.workspace.Workspace w = fx(app::workspace);
        fx(() -> {
            app.applyShippedScenario("q2");
            app.setup().epochsField().set(3);
            app.setup().trainSizeField().set(3000);
            app.show(TransferLabApp.WORKSPACE);
            w.apply(org.transferlab.ui.workspace.Layout.builtIn().get(0));
            app.startRun();
            return null;
        });
        untilStep(app, 40);
        save(app, out.resolve("33-workspace-kd-live.png"));
        fx(() -> {
            w.apply(org.transferlab.ui.workspace.Layout.builtIn().get(3));
            return null;
        });
        untilStep(app, 80);
        save(app, out.resolve("34-workspace-kd-four-live.png"));
        while (fx(app::isTraining)) {
            Thread.sleep(250);
        }
        fx(() -> {
            app.showChapter("part2");
            app.multiTask().select(org.transferlab.part2.MultiTaskExercise.Q2, "uncertainty", 3, 2000);
            app.multiTask().fire();
            app.show(TransferLabApp.WORKSPACE);
            w.apply(org.transferlab.ui.workspace.Layout.builtIn().get(1));
            return null;
        });
        Thread.sleep(6000);
        save(app, out.resolve("35-workspace-mtl-live.png"));
        fx(() -> {
            w.apply(org.transferlab.ui.workspace.Layout.builtIn().get(2));
            return null;
        });
        while (fx(app::isTrainingMultiTask)) {
            Thread.sleep(250);
        }
        Thread.sleep(1500);
        save(app, out.resolve("36-workspace-part1-beside-part2.png"));
        javafx.stage.Stage own = fx(() -> w.detach(w.tiles().get(0)));
        Thread.sleep(1500);
        saveStage(own, out.resolve("37-workspace-tile-own-window.png"));
        save(app, out.resolve("38-workspace-tile-away.png"));
        fx(() -> {
            w.bringBack(w.tiles().get(0));
            return null;
        });
        // a prepared run: 100 epochs trained before class, opened at epoch 10 and at epoch 100
        Path prepared = TransferLabApp.runsRoot().resolve("20261201-200000-q2-prepared");
        if (!Files.isDirectory(prepared)) {
            int code = org.transferlab.cli.TransferLabCommand.execute(new String[]{"train", "part1", "--exercise", "q2",
                    "--epochs", "100", "--train-size", "512", "--batch", "128", "--eval-every", "5", "--seed", "1",
                    "--data", "embedded", "--out", prepared.toString()});
            if (code != 0) {
                throw new IllegalStateException("the prepared run failed: exit " + code);
            }
        }
        fx(() -> {
            app.reloadRuns();
            app.showChapter("part1");
            app.show(TransferLabApp.WORKSPACE);
            w.apply(org.transferlab.ui.workspace.Layout.builtIn().get(0));
            for (var t : w.tiles()) {
                t.bind(prepared);
            }
            for (var t : w.tiles()) {
                t.showEpoch(10);
            }
            return null;
        });
        Thread.sleep(2500);
        save(app, out.resolve("39-workspace-saved-run-epoch-10.png"));
        fx(() -> {
            for (var t : w.tiles()) {
                t.showEpoch(100);
            }
            return null;
        });
        Thread.sleep(2500);
        save(app, out.resolve("40-workspace-saved-run-epoch-100.png"));
    }

    /** Waits until the followed run's progress shows at least {@code step} steps done (at most two minutes). */
    private static void untilStep(TransferLabApp app, int step) throws Exception {
        long until = System.currentTimeMillis() + 120_000;
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("step (\\d+)/");
        while (System.currentTimeMillis() < until) {
            var m = p.matcher(fx(app::progressText));
            if (m.find() && Integer.parseInt(m.group(1)) >= step) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static void saveStage(javafx.stage.Stage stage, Path file) throws Exception {
        WritableImage img = fx(() -> stage.getScene().snapshot(null));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", bytes);
        AtomicFiles.write(file, o -> o.write(bytes.toByteArray()));
        System.out.println("wrote " + file);
    }

    private static void save(TransferLabApp app, Path file) throws Exception {
        WritableImage img = fx(() -> app.stage().getScene().snapshot(null));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", bytes);
        AtomicFiles.write(file, o -> o.write(bytes.toByteArray()));
        System.out.println("wrote " + file);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        FutureTask<T> task = new FutureTask<>(c);
        Platform.runLater(task);
        return task.get();
    }
}
