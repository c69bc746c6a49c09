package io.rlhf4j.platform;

import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.Prompt;
import io.rlhf4j.core.data.Turn;
import io.rlhf4j.store.Tx;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Multi-turn continuation: the conversation so far, the candidate the annotator preferred as the
 * assistant's reply, and the annotator's next user turn become a new prompt of the project. It is
 * saved in the same transaction as the judgment, so an acknowledged continuation is never lost.
 */
final class Conversations {
    static final int MAX_TURN = 20_000;

    private Conversations() {}

    static SubmitResult.Continuation continueFrom(Tx t, Project p, Items.Item item, Assignment a, JudgmentPayload.MultiTurn m, long now)
            throws SQLException {
        String next = Validate.text(m.nextUserTurn().strip(), "next_user_turn", MAX_TURN);
        if (m.choice() == PairwiseChoice.BOTH_BAD) {
            throw PlatformError.invalid("next_user_turn", "continue from a response you prefer: both bad cannot be continued");
        }
        // A tie continues from the response shown first: either is acceptable by the annotator's own answer.
        String chosenId = a.shown().get(m.choice() == PairwiseChoice.B ? 1 : 0);
        String reply = t.completions().find(chosenId).orElseThrow(() -> PlatformError.notFound("completion " + chosenId)).text();
        Prompt parent = t.prompts().find(item.promptId()).orElseThrow(() -> PlatformError.notFound("prompt " + item.promptId()));
        Conversation continued = parent.conversation().append(Turn.assistant(reply)).append(Turn.user(next));
        Prompt prompt = Prompt.of(continued, parent.domain());
        t.prompts().save(prompt);
        Connection c = t.connection();
        if (Db.count(c, "SELECT COUNT(*) FROM platform_project_prompts WHERE project_id = ? AND prompt_id = ?", p.id(), prompt.id()) == 0) {
            Db.update(c, "INSERT INTO platform_project_prompts (project_id, prompt_id, added_at, continued_by, continued_from_task)"
                    + " VALUES (?,?,?,?,?)", p.id(), prompt.id(), now, a.annotatorId(), a.id());
        }
        return new SubmitResult.Continuation(p.id(), prompt.id());
    }

    /** The continuation a submitted task made, for the acknowledgement of a retried submission. */
    static SubmitResult.Continuation continuationOf(Connection c, Assignment a) throws SQLException {
        return Db.one(c, "SELECT project_id, prompt_id FROM platform_project_prompts WHERE continued_from_task = ?",
                rs -> new SubmitResult.Continuation(rs.getString(1), rs.getString(2)), a.id()).orElse(null);
    }

    /** Whether the prompt continues a conversation (its candidates then make multi-turn items only). */
    static boolean isContinuation(Connection c, String projectId, String promptId) throws SQLException {
        return Db.count(c, "SELECT COUNT(*) FROM platform_project_prompts WHERE project_id = ? AND prompt_id = ? AND continued_by IS NOT NULL",
                projectId, promptId) > 0;
    }
}
