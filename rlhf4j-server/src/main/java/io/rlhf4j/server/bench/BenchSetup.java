package io.rlhf4j.server.bench;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.Prompt;
import io.rlhf4j.core.data.Provenance;
import io.rlhf4j.platform.AccountService;
import io.rlhf4j.platform.Project;
import io.rlhf4j.platform.ProjectService;
import io.rlhf4j.platform.TaskType;
import io.rlhf4j.platform.UserRole;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Creates the benchmark's world directly through the services: one pairwise project with
 * {@code prompts} prompts of two candidates each, and {@code annotators} accounts whose names carry
 * the run id, so runs never collide and can be told apart in the database.
 */
final class BenchSetup {
    record World(String projectId, List<String> usernames, String password, int overlap) {}

    private BenchSetup() {}

    static World create(AccountService accounts, ProjectService projects, String runId, int annotators, int prompts, int overlap)
            throws Exception {
        Project p = projects.create(Project.Spec.of("bench " + runId, Set.of(TaskType.PAIRWISE), overlap).withLeaseSeconds(120), "bench");
        List<Prompt> ps = new ArrayList<>();
        List<Completion> cs = new ArrayList<>();
        for (int i = 0; i < prompts; i++) {
            Prompt prompt = Prompt.of(Conversation.ofUser("bench " + runId + " question " + i), "general");
            ps.add(prompt);
            cs.add(Completion.of(prompt.id(), "short answer " + i, Provenance.model("bench-a", null, null)));
            cs.add(Completion.of(prompt.id(), "long answer " + i, Provenance.model("bench-b", null, null)));
        }
        projects.addPrompts(p.id(), ps);
        projects.attachCandidates(p.id(), cs);
        String password = "bench-" + runId + "-pw";
        // Argon2id at 19 MiB is deliberately slow: hash the accounts on a few threads.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> names = new ArrayList<>();
        for (int i = 0; i < annotators; i++) {
            String name = "b" + runId + "-" + i;
            names.add(pool.submit(() -> accounts.create(name, null, UserRole.ANNOTATOR, password, null).username()));
        }
        List<String> usernames = new ArrayList<>();
        for (Future<String> f : names) usernames.add(f.get());
        pool.shutdown();
        return new World(p.id(), usernames, password, overlap);
    }
}
