package io.rlhf4j.core.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines skipped because their JSON repeats an earlier line's: how many, and the first few as
 * (line, line it repeats) so a report can point at them.
 */
public record DuplicateLines(long count, List<Repeat> examples) {
    public static final DuplicateLines NONE = new DuplicateLines(0, List.of());
    static final int EXAMPLES = 5;

    /** Line {@code line} has the same content as line {@code firstSeen}. */
    public record Repeat(long line, long firstSeen) {}

    public DuplicateLines {
        examples = List.copyOf(examples);
    }

    DuplicateLines plus(Repeat repeat) {
        List<Repeat> more = examples;
        if (examples.size() < EXAMPLES) {
            more = new ArrayList<>(examples);
            more.add(repeat);
        }
        return new DuplicateLines(count + 1, more);
    }

    /** e.g. "3 duplicate lines skipped (line 4 = line 1, line 9 = line 2, ...)", or "" when there were none. */
    public String describe() {
        if (count == 0) return "";
        StringBuilder s = new StringBuilder().append(count).append(count == 1 ? " duplicate line" : " duplicate lines")
                .append(" skipped (");
        for (int i = 0; i < examples.size(); i++) {
            if (i > 0) s.append(", ");
            s.append("line ").append(examples.get(i).line()).append(" = line ").append(examples.get(i).firstSeen());
        }
        return s.append(count > examples.size() ? ", ...)" : ")").toString();
    }
}
