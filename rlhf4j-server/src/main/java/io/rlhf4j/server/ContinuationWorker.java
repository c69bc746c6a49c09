package io.rlhf4j.server;

import io.rlhf4j.platform.CandidateGenerator;
import io.rlhf4j.platform.ProjectService;
import io.rlhf4j.platform.SubmitResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Generates the candidates of continued conversations (multi-turn) off the request thread: sampling a
 * model takes seconds, and the annotator's acknowledgement must not wait for it. One worker, so a
 * burst of continuations queues instead of loading the model many times over. Without a generator
 * (serve started without a model) continued prompts wait for an admin to attach or import candidates.
 */
final class ContinuationWorker implements AutoCloseable {
    /** Candidates per continued turn: a pair, which is what a multi-turn task compares. */
    static final int CANDIDATES = 2;
    private static final Logger LOG = LoggerFactory.getLogger(ContinuationWorker.class);
    private final ProjectService projects;
    private final CandidateGenerator generator;
    private final ExecutorService pool;

    ContinuationWorker(ProjectService projects, CandidateGenerator generator) {
        this.projects = projects;
        this.generator = generator;
        this.pool = generator == null ? null : Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("continuations").unstarted(r));
        // Continuations acknowledged before a crash or restart, whose candidates were never generated.
        if (pool != null) projects.pendingContinuations().forEach(this::schedule);
    }

    void schedule(SubmitResult.Continuation c) {
        if (c == null || pool == null) return;
        pool.execute(() -> {
            try {
                projects.generateCandidatesFor(c.projectId(), c.promptId(), generator, CANDIDATES);
            } catch (RuntimeException e) {
                LOG.error("could not generate candidates for continued prompt {} of project {}", c.promptId(), c.projectId(), e);
            }
        });
    }

    @Override
    public void close() {
        if (pool == null) return;
        pool.shutdown();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
