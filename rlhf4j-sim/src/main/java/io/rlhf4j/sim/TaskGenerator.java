package io.rlhf4j.sim;

import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.Prompt;

import java.util.List;
import java.util.Random;

/** Draws one task of one domain. Generators are stateless: all randomness comes from the caller's seeded Random. */
interface TaskGenerator {
    WorldTask next(Random random);

    /** A single-turn prompt tagged with the domain, id derived from the text (so equal questions collide). */
    static Prompt prompt(Domain domain, String question) {
        return Prompt.of(Conversation.ofUser(question), domain.wireName());
    }

    static <T> T pick(Random random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** An answerable task: the ideal response states {@code answer}; distractors are plausible wrong answers. */
    static WorldTask answerable(Domain domain, String family, String question, String answer, List<String> distractors,
                                String ideal) {
        List<String> wrong = distractors.stream().distinct().filter(d -> !d.equals(answer)).toList();
        return new WorldTask(prompt(domain, question), domain, family, answer, wrong, ideal, null, null);
    }
}
