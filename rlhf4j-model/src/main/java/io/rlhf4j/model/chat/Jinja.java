package io.rlhf4j.model.chat;

/** Helpers for writing the Jinja {@code chat_template} transformers reads from tokenizer_config.json. */
final class Jinja {
    private Jinja() {}

    /** A single-quoted Jinja string literal (Python escapes), e.g. {@code '<|user|>\n'}. */
    static String literal(String text) {
        StringBuilder sb = new StringBuilder("'");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }
}
