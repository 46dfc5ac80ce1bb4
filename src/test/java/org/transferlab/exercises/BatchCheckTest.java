package org.transferlab.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A class's batch of mixed submissions: one correct row each, in order, and the batch goes on past every kind of trouble. */
class BatchCheckTest {

    private static final String HEADER = "import org.nd4j.autodiff.samediff.SDVariable;\n"
            + "import org.nd4j.autodiff.samediff.SameDiff;\npublic class Solution {\n"
            + "    public static SDVariable distillationLoss(SameDiff sd, SDVariable studentLogits, SDVariable teacherLogits,"
            + " double T) {\n";

    @Test
    void aMixedBatchYieldsOneCorrectRowPerFile(@TempDir Path dir) throws Exception {
        Map<String, String> students = new java.util.LinkedHashMap<>();
        students.put("a-passes", Cards.get("kd").solution());
        students.put("b-mistake", Cards.mistakeExample("kd", "missing-t2"));
        students.put("c-does-not-compile", "public class Solution { int x = ; }\n");
        students.put("d-endless-loop", HEADER + "        while (true) { }\n    }\n}\n");
        students.put("e-exits", HEADER + "        System.exit(3);\n        return null;\n    }\n}\n");
        students.put("f-wrong-class", Cards.get("kd").solution().replace("public class Solution", "public class Answer"));
        students.put("g-passes-after-trouble", Cards.get("kd").solution());
        students.put("h-out-of-memory", HEADER + "        long[][] hog = new long[64][];\n"
                + "        for (int i = 0; i < hog.length; i++) {\n            hog[i] = new long[100_000_000];\n        }\n"
                + "        return null;\n    }\n}\n");
        List<Path> files = new ArrayList<>();
        for (var e : students.entrySet()) {
            Path f = dir.resolve(e.getKey()).resolve("Solution.java");
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
        }
        Path essay = dir.resolve("essay.txt");
        Files.writeString(essay, "I did not do it.\n");
        files.addAll(BatchCheck.files(List.of(dir)));
        files.add(essay);
        List<BatchCheck.Row> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        List<BatchCheck.Row> rows = BatchCheck.run("kd", files, 2, Duration.ofSeconds(8), seen::add);
        assertEquals(9, rows.size());
        assertEquals(9, seen.size(), "progress heard every row once");
        assertEquals(List.of("passed", "not yet", "compile error", "timed out", "refused", "compile error", "passed",
                "runtime error", "not java"), rows.stream().map(BatchCheck.Row::status).toList());
        assertTrue(rows.get(7).result().summary().contains("out of memory"), rows.get(7).result().summary());
        assertEquals("missing-t2", rows.get(1).result().mistake().id());
        assertTrue(rows.get(4).result().summary().contains("System.exit"), rows.get(4).result().summary());
        assertTrue(BatchCheck.detail(rows.get(5).result()).contains("rename the class back to 'Solution'"));
        assertTrue(BatchCheck.detail(rows.get(2).result()).startsWith("line 1:"));
        Path csv = dir.resolve("grades.csv");
        BatchCheck.writeCsv(rows, csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("file,card,result,mistake,checks_passed,checks_total,seconds", lines.get(0));
        assertEquals(10, lines.size());
        assertTrue(lines.get(2).contains(",kd,not yet,missing-t2,0,2,"), lines.get(2));
    }
}
