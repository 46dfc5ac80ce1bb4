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

    /** The part-1 card that teaches a tutorial method on its own. */
    private static final Map<String, String> PART1_CARD = Map.of("kd", "q2", "at", "q3");

    private Lessons() {
    }

    public static Map<String, Card> part1() {
        return load("part1");
    }

    public static Map<String, Card> part2() {
        return load("part2");
    }

    /** Whether a chapter has its own cards ({@code resources/lessons/CHAPTER.json}). */
    public static boolean exists(String chapter) {
        return Lessons.class.getResource("/lessons/" + chapter + ".json") != null;
    }

    /** A later chapter's cards ({@code resources/lessons/CHAPTER.json}), by the id of the view each explains. */
    public static Map<String, Card> chapter(String id) {
        return load(id);
    }

    /**
     * The guide's card of a transfer method, from {@code resources/lessons/methods/ID.json} (one file per method,
     * found by its id), with the registry's formula first; null when the method has none.
     */
    public static Card method(String id) {
        try (InputStream in = Lessons.class.getResourceAsStream("/lessons/methods/" + id + ".json")) {
            if (in == null) {
                // the tutorial's own methods are taught by part 1's cards: Q2 for KD, Q3 for AT
                return PART1_CARD.containsKey(id) ? part1().get(PART1_CARD.get(id)) : null;
            }
            JsonNode c = Json.MAPPER.readTree(in);
            List<String> formulas = new ArrayList<>();
            c.path("formulas").forEach(f -> formulas.add(f.asText()));
            return new Card(id, c.path("title").asText(), c.path("goal").asText(), formulas, c.path("change").asText(),
                    c.path("watch").asText(), c.path("question").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One card for a student trained with {@code methods}: each method's card joined (titles with " + ",
     * paragraphs one per method), or null when none of them has a card.
     */
    public static Card forMethods(List<String> methods) {
        List<Card> cards = methods.stream().map(Lessons::method).filter(java.util.Objects::nonNull).toList();
        if (cards.isEmpty()) {
            return null;
        }
        if (cards.size() == 1) {
            return cards.get(0);
        }
        List<String> formulas = new ArrayList<>();
        cards.forEach(c -> formulas.addAll(c.formulas()));
        return new Card(String.join("+", methods), String.join(" + ", cards.stream().map(Card::title).toList()),
                join(cards, Card::goal), formulas, join(cards, Card::change), join(cards, Card::watch),
                join(cards, Card::question));
    }

    private static String join(List<Card> cards, java.util.function.Function<Card, String> f) {
        return String.join("\n\n", cards.stream().map(f).toList());
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
