package org.transferlab.l2t;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The six methods' pairs on cnn-small's attention points, and bad input refused in one sentence. */
class L2tConfigTest {
    private static Map<String, int[]> cnnSmall() {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("group1", new int[]{8, 14});
        m.put("group2", new int[]{16, 7});
        m.put("group3", new int[]{32, 7});
        return m;
    }

    @Test
    void eachMethodMatchesThePaperTablesPairs() {
        Map<String, int[]> s = cnnSmall();
        assertEquals(0, L2tConfig.defaults(L2tMethod.SCRATCH).pairs(s, s).size());
        assertEquals(List.of(new L2tMethod.Pair("group3", "group3")), L2tConfig.defaults(L2tMethod.FM_SINGLE).pairs(s, s));
        assertEquals(3, L2tConfig.defaults(L2tMethod.FM_ONE).pairs(s, s).size());
        assertEquals(3, L2tConfig.defaults(L2tMethod.AT).pairs(s, s).size());
        assertEquals(3, L2tConfig.defaults(L2tMethod.L2T_W).pairs(s, s).size());
        List<L2tMethod.Pair> all = L2tConfig.defaults(L2tMethod.L2T_WW).pairs(s, s);
        assertEquals(9, all.size());
        assertEquals("group1 → group3", all.get(2).toString());
        assertTrue(L2tMethod.L2T_WW.learnsWhere() && L2tMethod.L2T_WW.learnsWhat());
        assertTrue(L2tMethod.L2T_W.learnsWhat() && !L2tMethod.L2T_W.learnsWhere());
        assertTrue(!L2tMethod.FM_ONE.meta() && L2tMethod.AT.attention());
    }

    @Test
    void badInputGetsOneSentenceBeforeTraining() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> L2tMethod.parse("l2t"));
        assertTrue(unknown.getMessage().startsWith("--method: unknown L2T method 'l2t'; choose one of [scratch, at"));
        L2tConfig d = L2tConfig.defaults(L2tMethod.L2T_WW);
        var t = assertThrows(IllegalArgumentException.class, () -> new L2tConfig(d.method(), 10, 30, 32, 1e-3, 0.5,
                1e-4, 0, 0.1, 0).validate());
        assertTrue(t.getMessage().startsWith("--inner-steps (T) must be between 1 and 10, got 0"), t.getMessage());
        var lr = assertThrows(IllegalArgumentException.class, () -> new L2tConfig(d.method(), 10, 30, 32, 1e-3, 0.5,
                5, 2, 0.1, 0).validate());
        assertEquals("--meta-lr must be in (0, 1], got 5.0", lr.getMessage());
        Map<String, int[]> odd = new LinkedHashMap<>(cnnSmall());
        odd.put("group3", new int[]{32, 5});
        var size = assertThrows(IllegalArgumentException.class, () -> d.pairs(cnnSmall(), odd));
        assertTrue(size.getMessage().startsWith("the pair group1 → group3 cannot be matched: the target's map is 5×5 "
                + "and the source's 14×14"), size.getMessage());
        var mlp = assertThrows(IllegalArgumentException.class, () -> d.pairs(Map.of(), cnnSmall()));
        assertTrue(mlp.getMessage().startsWith("the source network has no attention points"), mlp.getMessage());
        Map<String, int[]> two = new LinkedHashMap<>();
        two.put("group1", new int[]{8, 14});
        two.put("group2", new int[]{16, 7});
        var one = assertThrows(IllegalArgumentException.class,
                () -> L2tConfig.defaults(L2tMethod.FM_ONE).pairs(cnnSmall(), two));
        assertTrue(one.getMessage().contains("the source has 3 attention points and the target 2"), one.getMessage());
    }
}
