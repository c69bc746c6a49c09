package io.rlhf4j.sim;

import java.util.List;
import java.util.Random;

/** "What is 17 + 25?" with small operands, so a tiny model has a chance to learn it. */
final class ArithmeticTasks implements TaskGenerator {
    @Override
    public WorldTask next(Random random) {
        int op = random.nextInt(3);
        int a, b, result;
        String symbol, family;
        switch (op) {
            case 0 -> { a = 2 + random.nextInt(49); b = 2 + random.nextInt(49); result = a + b; symbol = "+"; family = "addition"; }
            case 1 -> { a = 10 + random.nextInt(90); b = 1 + random.nextInt(a); result = a - b; symbol = "-"; family = "subtraction"; }
            default -> { a = 2 + random.nextInt(11); b = 2 + random.nextInt(11); result = a * b; symbol = "*"; family = "multiplication"; }
        }
        String expression = a + " " + symbol + " " + b;
        // The wrong answers people actually give: off by one, off by ten, the other operation.
        int other = op == 0 ? a - b : a + b;
        List<String> distractors = List.of(String.valueOf(result + 1), String.valueOf(result - 1),
                String.valueOf(result + 10), String.valueOf(other));
        return TaskGenerator.answerable(Domain.ARITHMETIC, family, "What is " + expression + "?", String.valueOf(result),
                distractors, expression + " = " + result + ".");
    }
}
