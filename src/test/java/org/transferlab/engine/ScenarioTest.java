package org.transferlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioTest {
    @TempDir
    Path dir;

    private static Scenario parse(String json) throws Exception {
        return Scenario.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "s.json");
    }

    private static String message(String json) {
        return assertThrows(Scenario.ScenarioException.class, () -> parse(json)).getMessage();
    }

    private static final String HEAD = "{\"format\": \"transferlab-scenario\", \"version\": 1, ";

    @Test
    void everyShippedScenarioLoadsAndMatchesItsExercise() throws Exception {
        for (String id : List.of("q1", "q2", "q3", "a1")) {
            try (InputStream in = ScenarioTest.class.getResourceAsStream("/scenarios/" + id + ".json")) {
                Scenario s = Scenario.read(in, id);
                assertEquals(id, s.config().exercise().id());
                assertEquals(100, s.config().epochs(), "the classroom default");
                assertEquals(0.5, s.config().number("kd", "alpha"));
            }
        }
    }

    @Test
    void roundTripKeepsSettingsLocksAndHiddenControls() throws Exception {
        Scenario s = parse(HEAD + "\"title\": \"Q2, T locked\", \"exercise\": \"q2\", \"settings\": {\"temperature\": 7,"
                + " \"alpha\": 0.25, \"epochs\": 12, \"pairs\": [\"group2\"]}, \"locked\": [\"temperature\"],"
                + " \"hidden\": [\"beta\"]}");
        assertEquals(7, s.config().number("kd", "temperature"));
        assertEquals(Set.of("kd.temperature"), s.locked(), "version 1 names read as the registry's");
        Path f = dir.resolve("s.json");
        s.write(f);
        Scenario back = Scenario.read(f);
        assertEquals(s.config(), back.config());
        assertEquals(s.locked(), back.locked());
        assertEquals(s.hidden(), back.hidden());
        assertEquals("Q2, T locked", back.title());
        assertEquals(List.of("s.json"), Files.list(dir).map(p -> p.getFileName().toString()).toList(), "no temp file left");
    }

    @Test
    void badFilesAreRefusedWithAMessageNamingTheProblem() {
        assertTrue(message("{ not json").contains("is not valid JSON (line 1)"));
        assertTrue(message("[1, 2]").contains("not a JSON object"));
        assertTrue(message("{\"format\": \"other\"}").contains("is not a TransferLab scenario"));
        assertTrue(message("{\"format\": \"transferlab-scenario\", \"version\": 7}").contains("newer TransferLab"));
        assertTrue(message(HEAD + "\"exercise\": \"q9\"}").contains("unknown exercise 'q9'"));
        assertTrue(message(HEAD + "\"settings\": {\"student\": \"resnet\"}}").contains("resnet"));
        assertTrue(message(HEAD + "\"settings\": {\"temprature\": 4}}").contains("unknown setting \"temprature\""));
        assertTrue(message(HEAD + "\"settings\": {\"temperature\": \"hot\"}}").contains("kd.temperature must be a number"));
        assertTrue(message(HEAD + "\"settings\": {\"alpha\": 3}}").contains("alpha must be between 0 and 1"));
        assertTrue(message(HEAD + "\"exercise\": \"q3\", \"settings\": {\"pairs\": [\"group7\"]}}").contains("group7"));
        assertTrue(message(HEAD + "\"exercise\": \"q3\", \"settings\": {\"student\": \"mlp-tiny\"}}")
                .contains("AT needs CNNs"));
        assertTrue(message(HEAD + "\"locked\": [\"colour\"]}").contains("unknown control \"colour\""));
        assertTrue(message(HEAD + "\"settings\": {\"epochs\": 2.5}}").contains("whole number"));
    }
}
