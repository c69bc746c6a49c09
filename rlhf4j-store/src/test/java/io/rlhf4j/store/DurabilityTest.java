package io.rlhf4j.store;

import io.rlhf4j.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default keeps what it acknowledged: a process that committed and is then killed
 * with SIGKILL (no shutdown hook, no close) loses none of those commits.
 */
class DurabilityTest {
    private static final int COMMITS = 30;

    @TempDir
    Path dir;

    @Test
    void everyCommitThatReturnedIsThereAfterTheProcessIsKilledWithSigkill() throws Exception {
        String url = TestDatabase.h2(dir).url();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CommitThenWait.class.getName(), url, Integer.toString(COMMITS)).redirectErrorStream(true).start();
        int acknowledged = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("committed ")) acknowledged = Integer.parseInt(line.substring("committed ".length()));
                if (acknowledged == COMMITS) break;
            }
            child.destroyForcibly(); // SIGKILL: what kill -9 or the OOM killer does
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).as("the child committed everything before it was killed").isEqualTo(COMMITS);
        try (Store reopened = Store.open(url)) {
            long kept = reopened.transaction(tx -> tx.judgments().count());
            assertThat(kept).as("judgments committed before kill -9").isEqualTo(COMMITS);
        }
    }
}
