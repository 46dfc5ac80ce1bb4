package org.transferlab.exercises;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public class SmokeMain {
    public static void main(String[] a) {
        String card = a[0];
        Card c = Cards.get(card);
        List<String> srcs = new ArrayList<>();
        srcs.add(c.solution());
        srcs.add(c.skeleton());
        for (Card.Mistake m : c.mistakes()) srcs.add(Cards.mistakeExample(card, m.id()));
        long t0 = System.nanoTime();
        for (CheckResult r : Sandbox.check(card, srcs, Duration.ofSeconds(120))) {
            System.out.println(r.status() + " | " + r.summary() + " | " + (r.mistake() == null ? "-" : r.mistake().id()) + " | " + r.seconds());
            r.checks().forEach(x -> System.out.println("    " + x));
        }
        System.out.println("total " + (System.nanoTime() - t0) / 1e9);
    }
}
