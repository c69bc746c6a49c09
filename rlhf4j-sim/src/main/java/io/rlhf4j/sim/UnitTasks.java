package io.rlhf4j.sim;

import java.util.List;
import java.util.Random;

/** "How many centimetres are in 3 metres?": whole-number conversions with everyday units. */
final class UnitTasks implements TaskGenerator {
    private record Conversion(String from, String to, int factor) {}

    private static final List<Conversion> CONVERSIONS = List.of(
            new Conversion("metres", "centimetres", 100), new Conversion("kilometres", "metres", 1000),
            new Conversion("hours", "minutes", 60), new Conversion("minutes", "seconds", 60),
            new Conversion("kilograms", "grams", 1000), new Conversion("days", "hours", 24),
            new Conversion("weeks", "days", 7), new Conversion("litres", "millilitres", 1000));

    @Override
    public WorldTask next(Random random) {
        Conversion c = TaskGenerator.pick(random, CONVERSIONS);
        int quantity = 2 + random.nextInt(8);
        int result = quantity * c.factor();
        // Wrong by a factor of ten either way, or adding instead of multiplying: the classic slips.
        List<String> distractors = List.of(String.valueOf(result / 10), String.valueOf(result * 10),
                String.valueOf(quantity + c.factor()));
        return TaskGenerator.answerable(Domain.UNITS, c.from() + "_to_" + c.to(),
                "How many " + c.to() + " are in " + quantity + " " + c.from() + "?", String.valueOf(result), distractors,
                quantity + " " + c.from() + " is " + result + " " + c.to() + ".");
    }
}
