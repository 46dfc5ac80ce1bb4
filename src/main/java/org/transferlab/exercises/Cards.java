package org.transferlab.exercises;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The exercise cards shipped in {@code resources/exercises/}, in the order of {@code index.json}. */
public final class Cards {
    private static final String ROOT = "/exercises/";
    private static volatile Map<String, Card> all;

    private Cards() {
    }

    /** Every card by id, in teaching order. */
    public static Map<String, Card> all() {
        if (all == null) {
            synchronized (Cards.class) {
                if (all == null) {
                    Map<String, Card> m = new LinkedHashMap<>();
                    for (JsonNode id : read("index.json").path("cards")) {
                        m.put(id.asText(), load(id.asText()));
                    }
                    all = m;
                }
            }
        }
        return all;
    }

    public static Card get(String id) {
        Card c = all().get(id);
        if (c == null) {
            throw new IllegalArgumentException("no exercise card '" + id + "'; the cards are " + all().keySet());
        }
        return c;
    }

    /** The example of a known mistake (a whole {@code Solution} class). */
    public static String mistakeExample(String cardId, String mistakeId) {
        return text(cardId + "/mistakes/" + mistakeId + ".java");
    }

    private static Card load(String id) {
        JsonNode n = read(id + "/card.json");
        List<Card.Mistake> mistakes = new ArrayList<>();
        for (JsonNode m : n.path("mistakes")) {
            mistakes.add(new Card.Mistake(m.path("id").asText(), m.path("title").asText(), m.path("hint").asText()));
        }
        return new Card(id, n.path("part").asInt(), n.path("exercise").asText(), n.path("title").asText(),
                n.path("goal").asText(), n.path("formula").asText(), strings(n.path("inputs")),
                n.path("method").asText(), strings(n.path("hints")), List.copyOf(mistakes),
                text(id + "/Skeleton.java"), text(id + "/Solution.java"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return List.copyOf(out);
    }

    private static JsonNode read(String path) {
        try {
            return org.transferlab.io.Json.MAPPER.readTree(text(path));
        } catch (IOException e) {
            throw new UncheckedIOException("exercise file " + path + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    static String text(String path) {
        try (InputStream in = Cards.class.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("exercise file " + ROOT + path + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
