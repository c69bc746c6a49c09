package io.rlhf4j.platform;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.ExpertiseLevel;
import io.rlhf4j.core.data.Prompt;
import io.rlhf4j.core.data.Provenance;
import io.rlhf4j.store.Store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The platform's services wired on one store, with helpers that build small projects. Shared by the
 * store's service tests, the server's API tests and anyone simulating annotators.
 */
public final class Platform {
    /** Fast salted SHA-256 for tests only: Argon2id would make account-heavy tests slow. */
    public static final PasswordHasher TEST_HASHER = new PasswordHasher() {
        public String hash(String password) {
            PasswordHasher.checkLength(password);
            return "test$" + sha(password);
        }

        public boolean verify(String password, String stored) {
            return password != null && stored.equals("test$" + sha(password));
        }
    };

    public final Store store;
    public final TestClock clock = new TestClock();
    public final AccountService accounts;
    public final ProjectService projects;
    public final TaskService tasks;

    public Platform(Store store) {
        this(store, TEST_HASHER);
    }

    public Platform(Store store, PasswordHasher hasher) {
        this.store = store;
        this.accounts = new AccountService(store, hasher, clock);
        this.projects = new ProjectService(store, clock);
        this.tasks = new TaskService(store, clock, new Random(7));
    }

    public User annotator(String name, Map<String, ExpertiseLevel> expertise) {
        return accounts.create(name, null, UserRole.ANNOTATOR, "password-" + name, expertise);
    }

    /** A project with {@code promptCount} prompts in {@code domain}, each with {@code k} candidates from models m0..m(k-1). */
    public Project project(Set<TaskType> types, int overlap, int promptCount, int k, String domain) {
        Project p = projects.create(Project.Spec.of("project " + domain, types, overlap), "admin");
        addPrompts(p, promptCount, k, domain);
        return projects.get(p.id());
    }

    public List<Prompt> addPrompts(Project p, int promptCount, int k, String domain) {
        List<Prompt> prompts = new ArrayList<>();
        List<Completion> candidates = new ArrayList<>();
        for (int i = 0; i < promptCount; i++) {
            Prompt prompt = Prompt.of(Conversation.ofUser(domain + " question " + i + " of " + p.id()), domain);
            prompts.add(prompt);
            for (int m = 0; m < k; m++) {
                candidates.add(Completion.of(prompt.id(), "answer " + m + " to " + i, Provenance.model("m" + m, null, null)));
            }
        }
        projects.addPrompts(p.id(), prompts);
        if (!candidates.isEmpty()) projects.attachCandidates(p.id(), candidates);
        return prompts;
    }

    private static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
