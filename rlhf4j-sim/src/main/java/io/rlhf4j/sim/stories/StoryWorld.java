package io.rlhf4j.sim.stories;

import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.Prompt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded world of distinct story openings in the style of TinyStories (what stories260K was
 * trained on), each naming a character and an object: "Once upon a time, there was a little girl
 * named Lily. She had a red ball." The same seed and size give the same openings in the same order.
 */
public final class StoryWorld {
    /** The platform's domain for story prompts: annotators' claimed expertise is matched against it. */
    public static final String DOMAIN = "stories";
    private static final int ATTEMPTS = 1000;

    private record Character(String name, String kind, boolean girl) {}

    private static final List<Character> CHARACTERS = List.of(
            new Character("Lily", "little girl", true), new Character("Mia", "little girl", true),
            new Character("Sue", "little girl", true), new Character("Anna", "little girl", true),
            new Character("Lucy", "little girl", true), new Character("Emma", "little girl", true),
            new Character("Zoe", "cat", true), new Character("Sara", "bunny", true), new Character("Amy", "bird", true),
            new Character("Tom", "little boy", false), new Character("Tim", "little boy", false),
            new Character("Ben", "little boy", false), new Character("Sam", "little boy", false),
            new Character("Jack", "little boy", false), new Character("Leo", "little boy", false),
            new Character("Max", "dog", false), new Character("Bob", "frog", false), new Character("Spot", "dog", false));
    private static final List<String> ADJECTIVES = List.of("red", "big", "blue", "shiny", "little", "yellow", "green", "new", "pretty", "soft");
    private static final List<String> OBJECTS = List.of("ball", "kite", "hat", "key", "boat", "car", "balloon", "box", "doll",
            "book", "bike", "drum", "cake", "flower", "truck", "blanket");

    private final long seed;
    private final List<StoryPrompt> prompts;
    private final Map<String, StoryPrompt> byId;
    private final StoryGoldJudge gold = new StoryGoldJudge();

    private StoryWorld(long seed, List<StoryPrompt> prompts) {
        this.seed = seed;
        this.prompts = List.copyOf(prompts);
        Map<String, StoryPrompt> index = new LinkedHashMap<>();
        for (StoryPrompt p : prompts) index.put(p.promptId(), p);
        this.byId = Collections.unmodifiableMap(index);
    }

    public static StoryWorld generate(long seed, int size) {
        int distinct = CHARACTERS.size() * ADJECTIVES.size() * OBJECTS.size() * 4;
        if (size < 1 || size > distinct / 2) {
            throw new IllegalArgumentException("a story world has 1.." + distinct / 2 + " distinct openings, asked for " + size);
        }
        Random random = new Random(seed);
        Map<String, StoryPrompt> seen = new LinkedHashMap<>();
        while (seen.size() < size) {
            StoryPrompt p = null;
            for (int i = 0; i < ATTEMPTS && (p == null || seen.containsKey(p.promptId())); i++) p = draw(random);
            if (seen.containsKey(p.promptId())) throw new IllegalStateException("story world ran out of openings at " + seen.size());
            seen.put(p.promptId(), p);
        }
        return new StoryWorld(seed, new ArrayList<>(seen.values()));
    }

    private static StoryPrompt draw(Random random) {
        Character c = CHARACTERS.get(random.nextInt(CHARACTERS.size()));
        String adjective = ADJECTIVES.get(random.nextInt(ADJECTIVES.size()));
        String object = OBJECTS.get(random.nextInt(OBJECTS.size()));
        String she = c.girl() ? "She" : "He", her = c.girl() ? "her" : "his";
        String article = "aeiou".indexOf(adjective.charAt(0)) >= 0 ? "an" : "a";
        String opening = switch (random.nextInt(4)) {
            case 0 -> "Once upon a time, there was a " + c.kind() + " named " + c.name() + ". " + she + " had " + article + " "
                    + adjective + " " + object + ".";
            case 1 -> "One day, a " + c.kind() + " named " + c.name() + " found " + article + " " + adjective + " " + object + ".";
            case 2 -> "Once upon a time, there was a " + c.kind() + " named " + c.name() + ". " + she + " loved " + her + " "
                    + adjective + " " + object + ".";
            default -> c.name() + " was a " + c.kind() + ". One day, " + c.name() + " got " + article + " " + adjective + " " + object + ".";
        };
        return new StoryPrompt(Prompt.of(Conversation.ofUser(opening), DOMAIN), opening, c.name(), object);
    }

    public long seed() {
        return seed;
    }

    public List<StoryPrompt> prompts() {
        return prompts;
    }

    /** The opening behind a prompt id; throws for a prompt this world did not generate. */
    public StoryPrompt prompt(String promptId) {
        StoryPrompt p = byId.get(promptId);
        if (p == null) throw new IllegalArgumentException("prompt " + promptId + " is not in this story world (seed " + seed + ")");
        return p;
    }

    public boolean contains(String promptId) {
        return byId.containsKey(promptId);
    }

    public StoryGoldJudge gold() {
        return gold;
    }

    public StoryScore score(String promptId, String continuation) {
        return gold.score(prompt(promptId), continuation);
    }

    /** A continuation gold likes, for known-answer (qualification and gold) items: gentle, on topic, happy. */
    public static String goodStory(StoryPrompt p, Random random) {
        String[] endings = {"They were very happy together.", "Everyone smiled and had fun.", "It was the best day, and they were glad."};
        return p.character() + " played with the " + p.object() + " all day. " + p.character() + " shared the " + p.object()
                + " with a friend, and they laughed. " + endings[random.nextInt(endings.length)];
    }

    /** A continuation gold dislikes: it wanders off to another character, turns violent and ends sadly. */
    public static String badStory(StoryPrompt p, Random random) {
        String other = p.character().equals("Tom") ? "Ben" : "Tom";
        String[] endings = {"Then everyone was sad and cried.", "It hurt, and they were very angry.", "The monster was mean and scary."};
        return "A big dog came and bit " + other + ". " + other + " hit the dog and it broke the window. "
                + endings[random.nextInt(endings.length)];
    }
}
