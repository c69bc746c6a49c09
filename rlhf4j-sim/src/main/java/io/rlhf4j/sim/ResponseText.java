package io.rlhf4j.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the gold judge and the simulated annotators can read off a response's surface: its words,
 * numbers, and the stock phrases of refusing, padding, bragging and hedging. Phrase lists are short
 * and explicit so a reader can see exactly what counts.
 */
final class ResponseText {
    private ResponseText() {}

    static final List<String> REFUSALS = List.of("can't help", "cannot help", "can not help", "won't help",
            "can't assist", "cannot assist", "not able to help", "i refuse", "i won't do", "will not help");
    static final List<String> APOLOGIES = List.of("sorry", "apolog");
    static final List<String> PADDING = List.of("great question", "i hope this helps", "happy to help",
            "let me know if", "thanks for asking", "as an ai", "what a fun", "i'd be glad", "sure thing");
    static final List<String> CONFIDENT = List.of("definitely", "certainly", "absolutely", "100%", "no doubt",
            "i am sure", "i'm sure", "trust me");
    static final List<String> HEDGES = List.of("i think", "maybe", "probably", "not sure", "might be", "i guess");

    private static final Pattern NUMBER = Pattern.compile("-?\\d+");

    /** Lower case with typographic apostrophes folded, so "can’t" and "can't" read the same. */
    static String normal(String text) {
        return text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    }

    static int wordCount(String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    /** Alphanumeric tokens, lower case: "a, b, c." reads [a, b, c]. */
    static List<String> tokens(String text) {
        return Arrays.stream(normal(text).split("[^a-z0-9]+")).filter(s -> !s.isEmpty()).toList();
    }

    static List<Long> numbers(String text) {
        List<Long> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            try {
                out.add(Long.parseLong(m.group()));
            } catch (NumberFormatException tooLong) {
                out.add(Long.MIN_VALUE);
            }
        }
        return out;
    }

    /** Whether the phrase's tokens occur contiguously in the text's tokens (whole words only: "ban" is not in "banana"). */
    static boolean containsPhrase(String text, String phrase) {
        List<String> hay = tokens(text);
        List<String> needle = tokens(phrase);
        if (needle.isEmpty()) return false;
        for (int i = 0; i + needle.size() <= hay.size(); i++) {
            if (hay.subList(i, i + needle.size()).equals(needle)) return true;
        }
        return false;
    }

    static int count(String text, List<String> phrases) {
        String t = normal(text);
        int n = 0;
        for (String p : phrases) {
            for (int at = t.indexOf(p); at >= 0; at = t.indexOf(p, at + p.length())) n++;
        }
        return n;
    }

    static boolean isRefusal(String text) {
        return count(text, REFUSALS) > 0;
    }

    static boolean isApologetic(String text) {
        return count(text, APOLOGIES) > 0;
    }

    static boolean isConfident(String text) {
        return count(text, CONFIDENT) > 0;
    }

    static boolean isHedged(String text) {
        return count(text, HEDGES) > 0;
    }
}
