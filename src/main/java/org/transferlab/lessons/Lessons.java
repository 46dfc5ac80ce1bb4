package org.transferlab.lessons;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.transferlab.io.Json;

/** The exercise guide's cards, read from {@code resources/lessons/part1.json} and {@code part2.json}, by exercise id. */
public final class Lessons {
    /** One exercise's card; {@code formulas} are LaTeX. */
    public record Card(String exercise, String title, String goal, List<String> formulas, String change,
                       String watch, String question) {
    }

    private Lessons() {
    }

    public static Map<String, Card> part1() {
        return load("part1");
    }

    public static Map<String, Card> part2() {
        return load("part2");
    }

    private static Map<String, Card> load(String part) {
        try (InputStream in = Lessons.class.getResourceAsStream("/lessons/" + part + ".json")) {
            if (in == null) {
                throw new IllegalStateException("lessons/" + part + ".json is missing from the application");
            }
            JsonNode root = Json.MAPPER.readTree(in);
            Map<String, Card> cards = new LinkedHashMap<>();
            for (JsonNode c : root.path("cards")) {
                List<String> formulas = new ArrayList<>();
                c.path("formulas").forEach(f -> formulas.add(f.asText()));
                cards.put(c.path("exercise").asText(), new Card(c.path("exercise").asText(), c.path("title").asText(),
                        c.path("goal").asText(), formulas, c.path("change").asText(), c.path("watch").asText(),
                        c.path("question").asText()));
            }
            return cards;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
