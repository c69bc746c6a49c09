package io.rlhf4j.core.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A multi-turn exchange. A system turn may only open it; after that, turns are whatever the source
 * recorded (real transcripts sometimes have two user turns in a row, so alternation is not enforced).
 */
public record Conversation(List<Turn> turns) {
    public Conversation {
        turns = List.copyOf(Checks.nonEmpty(turns, "conversation.turns"));
        for (int i = 1; i < turns.size(); i++) {
            if (turns.get(i).role() == Role.SYSTEM) {
                throw new IllegalArgumentException("conversation.turns[" + i + "]: a system turn may only come first");
            }
        }
    }

    public static Conversation of(Turn... turns) {
        return new Conversation(List.of(turns));
    }

    /** A single user message, the commonest prompt. */
    public static Conversation ofUser(String message) {
        return of(Turn.user(message));
    }

    public Turn last() {
        return turns.get(turns.size() - 1);
    }

    public Conversation append(Turn turn) {
        List<Turn> next = new ArrayList<>(turns);
        next.add(turn);
        return new Conversation(next);
    }

    /** This conversation followed by an assistant reply: what a completion turns a prompt into. */
    public Conversation withReply(String assistantText) {
        return append(Turn.assistant(assistantText));
    }
}
