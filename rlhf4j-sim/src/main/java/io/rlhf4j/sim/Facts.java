package io.rlhf4j.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The world's own small fact tables, so the facts domain needs no download and its gold answers
 * are exactly what the world says (insertion-ordered, so generation is reproducible).
 */
final class Facts {
    private Facts() {}

    static final Map<String, String> CAPITALS = ordered(
            "France", "Paris", "Spain", "Madrid", "Italy", "Rome", "Germany", "Berlin", "Japan", "Tokyo",
            "Egypt", "Cairo", "Peru", "Lima", "Norway", "Oslo", "Kenya", "Nairobi", "Canada", "Ottawa",
            "Greece", "Athens", "Poland", "Warsaw", "Chile", "Santiago", "Cuba", "Havana", "Ireland", "Dublin");

    static final Map<String, String> COLOURS = ordered(
            "a banana", "yellow", "grass", "green", "the sky", "blue", "snow", "white", "coal", "black",
            "a lemon", "yellow", "a tomato", "red", "an orange", "orange", "a frog", "green", "milk", "white",
            "a strawberry", "red", "the sea", "blue", "a crow", "black", "a carrot", "orange");

    static final Map<String, String> SOUNDS = ordered(
            "a cow", "moo", "a dog", "woof", "a cat", "meow", "a duck", "quack", "a sheep", "baa",
            "a pig", "oink", "an owl", "hoot", "a lion", "roar", "a horse", "neigh", "a snake", "hiss",
            "a bee", "buzz", "a mouse", "squeak");

    /** Short common words for the word-manipulation tasks: lower case, 3..7 letters. */
    static final List<String> WORDS = List.of(
            "apple", "house", "tiger", "river", "green", "chair", "bread", "cloud", "stone", "plant",
            "candle", "garden", "pencil", "window", "rabbit", "orange", "silver", "basket", "mirror", "yellow",
            "cat", "dog", "sun", "book", "lamp", "fish", "moon", "tree", "ship", "bird");

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) map.put(keyValues[i], keyValues[i + 1]);
        return java.util.Collections.unmodifiableMap(map);
    }
}
