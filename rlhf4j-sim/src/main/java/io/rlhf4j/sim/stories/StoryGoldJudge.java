package io.rlhf4j.sim.stories;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The programmatic ground truth of the story world, as a parent choosing bedtime stories would
 * grade them: does it end happily, does it stay with the character and the thing the opening named,
 * is it gentle, does it stop at a sensible length, does it avoid saying the same thing over and over. Every cue is lexical (words a small reward model
 * can pick up from the text), and every component is graded rather than pass/fail. Like the task
 * world's judge it only simulates annotators and scores evaluations; it is never a training signal.
 */
public final class StoryGoldJudge {
    /** Gold totals closer than this: neither story is clearly better. */
    public static final double DECISIVE_GAP = 0.05;
    /** Below this total a story is not one a parent would read out. */
    public static final double ACCEPTABLE = 0.5;

    static final Set<String> HAPPY = Set.of("happy", "smiled", "smile", "smiles", "smiling", "laughed", "laugh", "laughing",
            "friends", "friend", "fun", "love", "loved", "loves", "hug", "hugged", "glad", "together", "joy", "shared", "share",
            "thank", "thanked", "kind", "best", "proud", "safe", "yay");
    static final Set<String> UNKIND = Set.of("hit", "hurt", "hurts", "kill", "killed", "fight", "fought", "angry", "mad", "cry",
            "cried", "crying", "sad", "scared", "scary", "afraid", "broke", "broken", "bit", "bite", "attack", "monster", "yelled",
            "shouted", "hate", "mean", "bad", "naughty", "pain", "ouch", "died", "dead", "gun", "push", "pushed");
    /** The names the world's openings use: any of them that is not the opening's character is a wandering story. */
    static final List<String> NAMES = List.of("Lily", "Mia", "Sue", "Anna", "Lucy", "Emma", "Zoe", "Sara", "Amy",
            "Tom", "Tim", "Ben", "Max", "Sam", "Jack", "Leo", "Bob", "Spot");
    static final int MIN_WORDS = 15, MAX_WORDS = 50;
    /** The story's ending: its last words. */
    static final int ENDING_WORDS = 12;

    private static final Pattern WORD = Pattern.compile("[A-Za-z']+");

    public StoryScore score(StoryPrompt prompt, String continuation) {
        String text = continuation == null ? "" : continuation.strip();
        List<String> words = words(text);
        if (words.isEmpty()) return StoryScore.of(0, 0, 1, 0, 1);
        List<String> lower = words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();

        int happy = count(lower, HAPPY);
        boolean happyEnd = count(lower.subList(Math.max(0, lower.size() - ENDING_WORDS), lower.size()), HAPPY) > 0;
        double happyEnding = 0.5 * Math.min(1, happy / 3.0) + 0.5 * (happyEnd ? 1 : 0);

        int name = 0, object = 0;
        Set<String> others = new java.util.HashSet<>();
        String noun = prompt.object().toLowerCase(Locale.ROOT);
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i), l = lower.get(i);
            if (w.equals(prompt.character()) || w.equals(prompt.character() + "'s")) name++;
            else if (NAMES.contains(stripPossessive(w))) others.add(stripPossessive(w));
            if (l.equals(noun) || l.equals(noun + "s") || l.equals(noun + "'s")) object++;
        }
        double cast = clamp(0.5 * Math.min(1, name / 2.0) + 0.5 * Math.min(1, object / 2.0) - 0.25 * others.size());

        double gentleness = clamp(1 - 0.25 * count(lower, UNKIND));

        int n = words.size();
        double range = n < MIN_WORDS ? (double) n / MIN_WORDS : n <= MAX_WORDS ? 1 : clamp(1 - (n - MAX_WORDS) / 30.0);
        double length = 0.7 * range + 0.3 * (endsSentence(text) ? 1 : 0);
        return StoryScore.of(clamp(happyEnding), cast, gentleness, clamp(length), variety(lower));
    }

    /** 1 - 2 x the share of word triples already seen earlier in the story: natural text repeats few, a loop repeats most. */
    static double variety(List<String> lower) {
        if (lower.size() < 4) return 1;
        Set<String> seen = new java.util.HashSet<>();
        int repeated = 0, triples = lower.size() - 2;
        for (int i = 0; i < triples; i++) {
            if (!seen.add(lower.get(i) + " " + lower.get(i + 1) + " " + lower.get(i + 2))) repeated++;
        }
        return clamp(1 - 2.0 * repeated / triples);
    }

    /** Gold's pairwise view: which is better when the totals differ by at least {@link #DECISIVE_GAP}, else null. */
    public Boolean prefersA(StoryPrompt prompt, String a, String b) {
        double gap = score(prompt, a).total() - score(prompt, b).total();
        if (Math.abs(gap) < DECISIVE_GAP) return null;
        return gap > 0;
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }

    static int wordCount(String text) {
        return words(text).size();
    }

    private static boolean endsSentence(String text) {
        String t = text.strip();
        return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") || t.endsWith(".\"") || t.endsWith("!\"") || t.endsWith("?\"");
    }

    private static String stripPossessive(String w) {
        return w.endsWith("'s") ? w.substring(0, w.length() - 2) : w;
    }

    private static int count(List<String> lower, Set<String> set) {
        int c = 0;
        for (String w : lower) if (set.contains(w)) c++;
        return c;
    }

    static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
