package io.rlhf4j.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Word and list manipulation: reverse a word, sort letters, first n letters, last letter, count letters. */
final class WordTasks implements TaskGenerator {
    @Override
    public WorldTask next(Random random) {
        String word = TaskGenerator.pick(random, Facts.WORDS);
        return switch (random.nextInt(5)) {
            case 0 -> {
                String reversed = new StringBuilder(word).reverse().toString();
                yield task("reverse", "Reverse the word '" + word + "'.", reversed, List.of(word, swapFirstTwo(reversed)));
            }
            case 1 -> sortLetters(random);
            case 2 -> {
                int n = 2 + random.nextInt(Math.max(1, word.length() - 2));
                yield task("first_letters", "Give the first " + n + " letters of '" + word + "'.", word.substring(0, n),
                        List.of(word.substring(0, n - 1), word.substring(0, Math.min(word.length(), n + 1)),
                                word.substring(word.length() - n)));
            }
            case 3 -> task("last_letter", "What is the last letter of '" + word + "'?",
                    word.substring(word.length() - 1), List.of(word.substring(0, 1),
                            word.substring(word.length() - 2, word.length() - 1), nextLetter(word.charAt(word.length() - 1))));
            default -> task("count_letters", "How many letters are in '" + word + "'?", String.valueOf(word.length()),
                    List.of(String.valueOf(word.length() + 1), String.valueOf(word.length() - 1)));
        };
    }

    private static WorldTask sortLetters(Random random) {
        List<String> letters = new ArrayList<>();
        int count = 3 + random.nextInt(3);
        while (letters.size() < count) {
            String letter = String.valueOf((char) ('a' + random.nextInt(26)));
            if (!letters.contains(letter)) letters.add(letter);
        }
        List<String> sorted = new ArrayList<>(letters);
        Collections.sort(sorted);
        List<String> descending = new ArrayList<>(sorted);
        Collections.reverse(descending);
        String shown = String.join(", ", letters);
        return task("sort", "Sort these letters: " + shown + ".", String.join(", ", sorted),
                List.of(shown, String.join(", ", descending)));
    }

    private static WorldTask task(String family, String question, String answer, List<String> distractors) {
        // "a" and "i" are also English words ("I think", "a banana"): as distractors they would turn
        // ordinary sentences into wrong answers, so they are left out.
        distractors = distractors.stream().filter(d -> !d.equals("a") && !d.equals("i")).toList();
        return TaskGenerator.answerable(Domain.WORDS, family, question, answer, distractors, "The answer is " + answer + ".");
    }

    private static String nextLetter(char c) {
        return String.valueOf(c == 'z' ? 'y' : (char) (c + 1));
    }

    private static String swapFirstTwo(String s) {
        return s.length() < 2 ? s + s : "" + s.charAt(1) + s.charAt(0) + s.substring(2);
    }
}
