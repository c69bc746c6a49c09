package io.rlhf4j.model.chat;

/** One part of a rendered conversation, before tokenization; {@code assistant} marks loss-bearing parts. */
sealed interface ChatPiece {
    boolean assistant();

    /** Plain text, tokenized together with the text pieces next to it. */
    record Text(String text, boolean assistant) implements ChatPiece {}

    /** A token placed by id (a marker, BOS, EOS); {@code text} is how {@code render} writes it. */
    record Token(int id, String text, boolean assistant) implements ChatPiece {}
}
