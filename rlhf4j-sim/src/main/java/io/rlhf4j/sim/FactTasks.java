package io.rlhf4j.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Simple facts from the world's own tables: capitals, colours of things, animal sounds. */
final class FactTasks implements TaskGenerator {
    @Override
    public WorldTask next(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> {
                String country = pickKey(random, Facts.CAPITALS);
                String capital = Facts.CAPITALS.get(country);
                yield TaskGenerator.answerable(Domain.FACTS, "capital", "What is the capital of " + country + "?", capital,
                        otherValues(random, Facts.CAPITALS, capital), "The capital of " + country + " is " + capital + ".");
            }
            case 1 -> {
                String thing = pickKey(random, Facts.COLOURS);
                String colour = Facts.COLOURS.get(thing);
                yield TaskGenerator.answerable(Domain.FACTS, "colour", "What colour is " + thing + "?", colour,
                        otherValues(random, Facts.COLOURS, colour), capitalise(thing) + " is " + colour + ".");
            }
            default -> {
                String animal = pickKey(random, Facts.SOUNDS);
                String sound = Facts.SOUNDS.get(animal);
                yield TaskGenerator.answerable(Domain.FACTS, "animal_sound", "What sound does " + animal + " make?", sound,
                        otherValues(random, Facts.SOUNDS, sound), capitalise(animal) + " says " + sound + ".");
            }
        };
    }

    private static String pickKey(Random random, Map<String, String> table) {
        return TaskGenerator.pick(random, List.copyOf(table.keySet()));
    }

    /** Three other values of the table: the wrong answers a confused writer gives. */
    private static List<String> otherValues(Random random, Map<String, String> table, String answer) {
        List<String> others = new ArrayList<>(table.values().stream().distinct().filter(v -> !v.equals(answer)).toList());
        java.util.Collections.shuffle(others, random);
        return others.subList(0, Math.min(3, others.size()));
    }

    static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
