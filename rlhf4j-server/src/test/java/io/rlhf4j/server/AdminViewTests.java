package io.rlhf4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.rlhf4j.platform.Project;
import io.rlhf4j.platform.TaskType;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Admin views stay the same size however large the project. */
abstract class AdminViewTests extends ServerTestBase {
    @Test
    void theProjectViewShowsOnePageOfPromptsAndHowManyThereAreInAll() {
        Project p = platform.project(Set.of(TaskType.PAIRWISE), 2, 45, 2, "general");
        JsonNode first = admin.get("/api/projects/" + p.id()).json();
        assertThat(first.get("prompt_count").asLong()).isEqualTo(45);
        assertThat(first.get("prompts")).hasSize(20);
        Set<String> seen = new HashSet<>();
        for (int offset = 0; offset < 45; offset += 20) {
            JsonNode page = admin.get("/api/projects/" + p.id() + "?offset=" + offset + "&limit=20").json();
            assertThat(page.get("offset").asInt()).isEqualTo(offset);
            assertThat(page.get("prompts")).hasSize(Math.min(20, 45 - offset));
            page.get("prompts").forEach(prompt -> {
                seen.add(prompt.get("text").asText());
                assertThat(prompt.get("candidates")).hasSize(2);
            });
        }
        assertThat(seen).as("the pages together hold every prompt once").hasSize(45);
    }

    @Test
    void aPageLargerThanTheLimitIsRefusedNamingTheField() {
        Project p = platform.project(Set.of(TaskType.PAIRWISE), 2, 3, 2, "general");
        ApiClient.Response r = admin.get("/api/projects/" + p.id() + "?limit=5000");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("limit");
    }
}
