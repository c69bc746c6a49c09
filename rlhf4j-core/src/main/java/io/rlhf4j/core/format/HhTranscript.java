package io.rlhf4j.core.format;

import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.Role;
import io.rlhf4j.core.data.Turn;

import java.util.ArrayList;
import java.util.List;

/**
 * The HH-RLHF transcript form {@code "\n\nHuman: ...\n\nAssistant: ..."}, both ways.
 *
 * <p>A turn starts only at a blank line followed by {@code Human:} or {@code Assistant:}; the same
 * words anywhere else (the real file has ~100 inline {@code "  Human: ..."} and one
 * {@code "\nAssistant:"}) are text. The one space after the colon is the separator of the form, not
 * content: it is removed on reading and written back on writing, which restores every line of the
 * real file byte for byte (every marker there is followed by a space, even before an empty reply).
 *
 * <p>The prompt is the part chosen and rejected share, not "everything before the last
 * Assistant:": in 5 real lines a reply itself contains {@code "\n\nAssistant:"} (the model went on
 * to write further turns), so splitting at the last marker would mangle the prompt. The split is at
 * the last Assistant marker inside the common prefix that follows a Human turn; everything after
 * it, inner markers included, is the reply, byte for byte.
 */
final class HhTranscript {
    static final String HUMAN = "\n\nHuman:";
    static final String ASSISTANT = "\n\nAssistant:";

    private HhTranscript() {}

    /** A prompt conversation and the two replies that complete it. */
    record Pair(Conversation prompt, String chosen, String rejected) {}

    private record Marker(Role role, int start, int contentStart) {}

    static Pair split(String chosen, String rejected, Where where) {
        List<Marker> markers = markers(chosen, "chosen", where);
        markers(rejected, "rejected", where);
        int shared = commonPrefix(chosen, rejected);
        int reply = -1;
        for (int i = markers.size() - 1; i > 0 && reply < 0; i--) {
            Marker m = markers.get(i);
            if (m.role() == Role.ASSISTANT && m.contentStart() <= shared && markers.get(i - 1).role() == Role.USER) {
                reply = i;
            }
        }
        if (reply < 0) {
            throw where.fail("rejected", "chosen and rejected share no conversation ending in a Human turn"
                    + " followed by \"Assistant:\", so there is no common prompt to split off");
        }
        List<Turn> turns = new ArrayList<>(reply);
        for (int i = 0; i < reply; i++) {
            Marker m = markers.get(i);
            turns.add(new Turn(m.role(), unpad(chosen.substring(m.contentStart(), markers.get(i + 1).start()))));
        }
        int start = markers.get(reply).contentStart();
        String chosenReply = unpad(chosen.substring(start));
        String rejectedReply = unpad(rejected.substring(start));
        if (chosenReply.equals(rejectedReply)) {
            throw where.fail("rejected", "identical to chosen: there is no preference to import");
        }
        return new Pair(where.build("chosen", () -> new Conversation(turns)), chosenReply, rejectedReply);
    }

    /** The transcript of a prompt followed by one assistant reply: the inverse of {@link #split}. */
    static String render(Conversation prompt, String reply) {
        StringBuilder s = new StringBuilder();
        for (Turn t : prompt.turns()) {
            s.append(t.role() == Role.USER ? HUMAN : ASSISTANT).append(' ').append(t.content());
        }
        return s.append(ASSISTANT).append(' ').append(reply).toString();
    }

    /** Turn markers in order; the transcript must open with Human and end on an Assistant turn. */
    private static List<Marker> markers(String transcript, String field, Where where) {
        if (!transcript.startsWith(HUMAN)) {
            throw where.fail(field, "transcript must start with \"\\n\\nHuman:\", starts with \""
                    + abbreviate(transcript) + "\"");
        }
        List<Marker> markers = new ArrayList<>();
        int from = 0;
        while (true) {
            int h = transcript.indexOf(HUMAN, from);
            int a = transcript.indexOf(ASSISTANT, from);
            if (h < 0 && a < 0) break;
            boolean human = h >= 0 && (a < 0 || h < a);
            int start = human ? h : a;
            int contentStart = start + (human ? HUMAN : ASSISTANT).length();
            markers.add(new Marker(human ? Role.USER : Role.ASSISTANT, start, contentStart));
            from = contentStart;
        }
        if (markers.stream().noneMatch(m -> m.role() == Role.ASSISTANT)) {
            throw where.fail(field, "transcript has no assistant turn");
        }
        if (markers.get(markers.size() - 1).role() != Role.ASSISTANT) {
            throw where.fail(field, "transcript must end with an assistant turn, ends with a Human turn");
        }
        return markers;
    }

    /** Drops the single separator space after "Human:"/"Assistant:"; further spaces are content. */
    private static String unpad(String content) {
        return content.startsWith(" ") ? content.substring(1) : content;
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) i++;
        return i;
    }

    private static String abbreviate(String s) {
        String head = s.length() > 30 ? s.substring(0, 30) + "..." : s;
        return head.replace("\n", "\\n");
    }
}
