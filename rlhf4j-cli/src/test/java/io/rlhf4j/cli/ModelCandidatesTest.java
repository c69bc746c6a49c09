package io.rlhf4j.cli;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.Prompt;
import io.rlhf4j.core.data.Turn;
import io.rlhf4j.core.testing.SharedFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * serve --model: the stories260K checkpoint (llama2.c .bin with its tok512.bin beside it) writes
 * distinct candidates for a prompt and for a continued, multi-turn conversation, and each records
 * the model and sampling settings it came from.
 */
class ModelCandidatesTest {
    @Test
    void samplesDistinctCandidatesFromACheckpointWithProvenance() throws Exception {
        Path bin = SharedFiles.resolve("models/stories260K/stories260K.bin");
        try (ModelCandidates model = ModelCandidates.load(List.of(bin), 24, 1.0, 7L)) {
            Prompt first = Prompt.of(Conversation.ofUser("Once upon a time there was a little dog."), "stories");
            List<Completion> out = model.generate(first, 2);
            assertThat(out).hasSize(2);
            assertThat(out).extracting(Completion::text).doesNotHaveDuplicates().allSatisfy(t -> assertThat(t).isNotBlank());
            assertThat(out).allSatisfy(c -> {
                assertThat(c.promptId()).isEqualTo(first.id());
                assertThat(c.provenance().model()).isEqualTo("stories260K");
                assertThat(c.provenance().sampling().temperature()).isEqualTo(1.0);
                assertThat(c.provenance().sampling().maxNewTokens()).isEqualTo(24);
            });

            Prompt continued = Prompt.of(first.conversation().append(Turn.assistant(out.get(0).text())).append(Turn.user("And then?")), "stories");
            assertThat(model.generate(continued, 2)).hasSize(2).allSatisfy(c -> assertThat(c.promptId()).isEqualTo(continued.id()));
        }
    }
}
