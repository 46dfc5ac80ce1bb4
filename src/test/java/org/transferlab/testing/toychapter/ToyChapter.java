package org.transferlab.testing.toychapter;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.transferlab.chapters.Chapter;
import org.transferlab.chapters.ChapterView;
import org.transferlab.chapters.RunDescription;
import org.transferlab.export.RunFigures;
import org.transferlab.io.Csv;

/**
 * A throw-away chapter that lives only in the test sources, in a package of its own, and is registered with one
 * call ({@code Chapters.register(new ToyChapter())}): it fits a line by gradient descent. The tests find it in every
 * surface that loops over the registry, with no shared file edited for it.
 */
public final class ToyChapter implements Chapter {
    public static final String ID = "toy-line";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Toy · fitting a line";
    }

    @Override
    public String subtitle() {
        return "a chapter from the test sources";
    }

    @Override
    public List<ChapterView> views() {
        return List.of(ChapterView.of("toy-fit", "The fit", "fit-loss"));
    }

    @Override
    public boolean ownsRun(String chapterField, String exerciseField) {
        return chapterField.equals(ID);
    }

    @Override
    public Object trainCommand() {
        return new ToyCommand();
    }

    @Override
    public RunDescription describe(JsonNode c) {
        return new RunDescription("line-lr" + c.path("lr").asText(), List.of(), RunDescription.fields(c, "lr", "points"),
                "y = a x + b", List.of(), "epoch");
    }

    @Override
    public List<RunFigures.Figure> figures(Path runDir) throws IOException {
        XYSeries loss = new XYSeries("mean squared error");
        List<String> lines = Files.readAllLines(runDir.resolve("metrics.csv"));
        List<String> header = Csv.parse(lines.get(0));
        for (String l : lines.subList(1, lines.size())) {
            List<String> f = Csv.parse(l);
            loss.add(Double.parseDouble(f.get(header.indexOf("epoch"))), Double.parseDouble(f.get(header.indexOf("total"))));
        }
        return List.of(new RunFigures.Figure("fit-loss", org.transferlab.export.Figures.Drawing.of(
                ChartFactory.createXYLineChart("Squared error per epoch", "epoch", "loss",
                        new XYSeriesCollection(loss))), null));
    }
}
