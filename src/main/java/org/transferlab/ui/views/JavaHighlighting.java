package org.transferlab.ui.views;

import java.util.Collection;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/** Style classes for Java source in the exercise editor: keywords, types, strings, numbers, comments. */
final class JavaHighlighting {
    private static final String[] KEYWORDS = {"abstract", "boolean", "break", "case", "catch", "class", "continue",
            "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "if",
            "implements", "import", "instanceof", "int", "interface", "long", "new", "null", "package", "private",
            "protected", "public", "return", "static", "super", "switch", "this", "throw", "throws", "try", "var",
            "void", "while", "true", "false"};
    private static final Pattern PATTERN = Pattern.compile(
            "(?<COMMENT>//[^\n]*|/\\*(.|\\R)*?\\*/)"
                    + "|(?<STRING>\"([^\"\\\\]|\\\\.)*\")"
                    + "|(?<KEYWORD>\\b(" + String.join("|", KEYWORDS) + ")\\b)"
                    + "|(?<TYPE>\\b(SDVariable|SameDiff|Params|Blocks|Math)\\b)"
                    + "|(?<NUMBER>\\b\\d+(\\.\\d+)?([eE][-+]?\\d+)?\\b)");

    private JavaHighlighting() {
    }

    static StyleSpans<Collection<String>> compute(String text) {
        Matcher m = PATTERN.matcher(text);
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int last = 0;
        while (m.find()) {
            String style = m.group("COMMENT") != null ? "comment" : m.group("STRING") != null ? "string"
                    : m.group("KEYWORD") != null ? "keyword" : m.group("TYPE") != null ? "type" : "number";
            spans.add(Collections.emptyList(), m.start() - last);
            spans.add(Collections.singleton(style), m.end() - m.start());
            last = m.end();
        }
        spans.add(Collections.emptyList(), text.length() - last);
        return spans.create();
    }
}
