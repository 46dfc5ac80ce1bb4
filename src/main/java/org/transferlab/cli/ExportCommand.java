package org.transferlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.transferlab.export.Figures;
import org.transferlab.export.Notebook;
import org.transferlab.export.RunFigures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a run folder's figures headless, in the chosen formats. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a run's figures, as its chapter draws them (`transferlab chapters` lists what each view "
                + "exports), as PNG, SVG, PDF, CSV and pgfplots, and the run as a notebook, without a display.")
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, description = "the run folder")
    Path run;

    @Option(names = "--formats", split = ",", defaultValue = "png,svg,pdf,csv,pgf,ipynb,html",
            description = "png, svg, pdf, csv, pgf (figures), ipynb, html (the run as a notebook) "
                    + "(default: ${DEFAULT-VALUE})")
    List<String> formats;

    @Option(names = "--scale", defaultValue = "2", description = "PNG scale: 1, 2 or 4 (default: ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--out", required = true, description = "the folder to write into")
    Path out;

    @Override
    public Integer call() throws Exception {
        boolean ipynb = formats.stream().anyMatch(f -> f.equalsIgnoreCase("ipynb"));
        boolean html = formats.stream().anyMatch(f -> f.equalsIgnoreCase("html"));
        List<Figures.Format> chosen = formats.stream().filter(f -> !f.equalsIgnoreCase("ipynb") && !f.equalsIgnoreCase("html"))
                .map(f -> {
                    try {
                        return Figures.Format.parse(f);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--formats: unknown format '" + f
                                + "'; choose from png, svg, pdf, csv, pgf, ipynb, html");
                    }
                }).toList();
        List<RunFigures.Figure> figures = figuresOf(run);
        Files.createDirectories(out);
        String prefix = run.toAbsolutePath().normalize().getFileName().toString();
        int n = 0;
        if (ipynb || html) {
            Notebook.of(run, figures).write(out, prefix, ipynb, html);
            n += (ipynb ? 1 : 0) + (html ? 1 : 0);
        }
        for (RunFigures.Figure f : figures) {
            for (Figures.Format format : chosen) {
                if (format == Figures.Format.PGF && f.chart() == null) {
                    continue; // attention maps are not curves: their CSV holds the values
                }
                Path file = out.resolve(prefix + "-" + f.name() + (format == Figures.Format.PNG && scale != 1
                        ? "@" + (scale == Math.rint(scale) ? String.valueOf((int) scale) : String.valueOf(scale)) + "x" : "")
                        + "." + format.extension());
                if (f.chart() != null) {
                    Figures.write(f.chart(), format, scale, file);
                } else {
                    Figures.write(f.drawing(), format, scale, file);
                }
                n++;
            }
        }
        System.err.println("wrote " + n + " files for " + figures.size() + " figures to " + out.toAbsolutePath());
        return 0;
    }

    /** The run folder's figures as its chapter builds them (every figure its files allow, for an unknown chapter). */
    static List<RunFigures.Figure> figuresOf(Path run) throws java.io.IOException {
        Path config = run.resolve("config.json");
        if (Files.isRegularFile(config)) {
            var c = org.transferlab.io.Json.MAPPER.readTree(config.toFile());
            var chapter = org.transferlab.chapters.Chapters.ofRun(c.path("chapter").asText(""),
                    c.path("exercise").asText(""));
            if (chapter.isPresent()) {
                return chapter.get().figures(run);
            }
        }
        return RunFigures.of(run);
    }
}
