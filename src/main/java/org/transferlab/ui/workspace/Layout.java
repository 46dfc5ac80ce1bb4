package org.transferlab.ui.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.transferlab.io.AtomicFiles;
import org.transferlab.io.Json;

/**
 * An arrangement of one to four tiles: a row, a column or a 2×2 grid, each tile an item ({@link TileItem#key})
 * bound to the live run ({@code run} null) or to a saved run folder, at an epoch it kept ({@code epoch} null: as it
 * ended). The classroom's layouts are built in; the user's own are saved as {@code *.layout.json} files in the
 * layouts folder beside the runs (File → Save workspace layout…) and can be carried to another machine.
 */
public record Layout(String name, Arrangement arrangement, List<Spec> tiles) {
    public static final String FORMAT = "transferlab-layout";
    public static final int MAX_TILES = 4;

    public enum Arrangement { ROW, COLUMN, GRID }

    /** One tile of a layout. */
    public record Spec(String item, Path run, Integer epoch) {
        public static Spec live(String item) {
            return new Spec(item, null, null);
        }
    }

    public Layout {
        if (tiles.isEmpty() || tiles.size() > MAX_TILES) {
            throw new IllegalArgumentException("a layout has 1 to " + MAX_TILES + " tiles, not " + tiles.size());
        }
        tiles = List.copyOf(tiles);
    }

    /** The classroom's ready-made layouts. */
    public static List<Layout> builtIn() {
        return List.of(
                new Layout("KD: attention | temperature | curves", Arrangement.ROW, List.of(
                        Spec.live("part1/attention"), Spec.live("part1/temperature"), Spec.live("part1/curves"))),
                new Layout("MTL: loss weights | per-task accuracy | gradient conflict", Arrangement.ROW, List.of(
                        Spec.live("part2/multitask#task-weights"), Spec.live("part2/multitask#task-accuracy"),
                        Spec.live("part2/multitask#gradient-conflict"))),
                new Layout("Part 1 and part 2: attention maps beside loss weights", Arrangement.ROW, List.of(
                        Spec.live("part1/attention"), Spec.live("part2/multitask#task-weights"))),
                new Layout("KD in four: attention | temperature | curves | loss anatomy", Arrangement.GRID, List.of(
                        Spec.live("part1/attention"), Spec.live("part1/temperature"), Spec.live("part1/curves"),
                        Spec.live("part1/anatomy"))),
                new Layout("One input, two tasks: α | loss weights | per-task accuracy | conflict", Arrangement.GRID,
                        List.of(Spec.live("multimnist/multimnist#cross-stitch-alpha"),
                                Spec.live("multimnist/multimnist#task-weights"),
                                Spec.live("multimnist/multimnist#task-accuracy"),
                                Spec.live("multimnist/multimnist#gradient-conflict"))),
                new Layout("L2T-ww: λ heat map | accuracy", Arrangement.ROW, List.of(
                        Spec.live("l2t/l2t#lambda"), Spec.live("l2t/l2t#accuracy"))));
    }

    @Override
    public String toString() {
        return name;
    }

    /** Writes the layout as JSON (atomically). */
    public void write(Path file) throws IOException {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("format", FORMAT);
        n.put("version", 1);
        n.put("name", name);
        n.put("arrangement", arrangement.name().toLowerCase());
        ArrayNode a = n.putArray("tiles");
        for (Spec s : tiles) {
            ObjectNode t = a.addObject();
            t.put("item", s.item());
            if (s.run() != null) {
                t.put("run", s.run().toString());
            }
            if (s.epoch() != null) {
                t.put("epoch", s.epoch());
            }
        }
        AtomicFiles.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
    }

    /** Reads a layout file; anything else fails with one sentence naming the file. */
    public static Layout read(Path file) throws IOException {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file.getFileName() + " is not a readable layout (" + e.getMessage() + ")", e);
        }
        if (n == null || !FORMAT.equals(n.path("format").asText())) {
            throw new IOException(file.getFileName() + " is not a TransferLab workspace layout (no \"format\": \""
                    + FORMAT + "\")");
        }
        List<Spec> tiles = new ArrayList<>();
        for (JsonNode t : n.path("tiles")) {
            tiles.add(new Spec(t.path("item").asText(), t.hasNonNull("run") ? Path.of(t.get("run").asText()) : null,
                    t.hasNonNull("epoch") ? t.get("epoch").asInt() : null));
        }
        try {
            return new Layout(n.path("name").asText(file.getFileName().toString()),
                    Arrangement.valueOf(n.path("arrangement").asText("row").toUpperCase()), tiles);
        } catch (IllegalArgumentException e) {
            throw new IOException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** The layouts saved in a folder, by name; an unreadable file is left out (and named in {@code problems}). */
    public static List<Layout> saved(Path folder, List<String> problems) {
        List<Layout> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".layout.json")).sorted().toList()) {
                try {
                    out.add(read(f));
                } catch (IOException e) {
                    problems.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            problems.add("cannot list " + folder + ": " + e.getMessage());
        }
        return out;
    }
}
