package io.rlhf4j.server;

import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.platform.JudgmentPayload;
import io.rlhf4j.platform.Platform;
import io.rlhf4j.platform.Project;
import io.rlhf4j.platform.TaskType;
import io.rlhf4j.platform.TaskView;
import io.rlhf4j.platform.User;
import io.rlhf4j.platform.UserRole;
import io.rlhf4j.store.Store;
import io.rlhf4j.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reviewer's adjudication queue in a real headless Chromium: two annotators disagree on every
 * item, a reviewer resolves one item with the keyboard and the other with the button, the queue
 * empties, and the decisions are in the database. The responses are shown, the models never.
 */
class ReviewBrowserTest {
    private static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    Path temp;

    @Test
    void reviewerResolvesEveryDisputedItemFromTheQueue() throws Exception {
        try (TestDatabase db = TestDatabase.h2(temp); Store store = db.open()) {
            Platform platform = new Platform(store);
            Project p = platform.project(Set.of(TaskType.PAIRWISE), 2, 2, 2, "biology");
            judgeAll(platform, platform.annotator("ana", null), "answer 1");
            judgeAll(platform, platform.annotator("ben", null), "answer 0");
            platform.accounts.create("rita", "Rita Reviewer", UserRole.REVIEWER, "password-rita", Map.of());
            try (PlatformServer server = PlatformServer.start(store, "127.0.0.1", 0, Platform.TEST_HASHER, platform.clock);
                 Browser b = new Browser(server.port(), temp.resolve("chrome"), SHOTS)) {
                b.open("/");
                b.type("#username", "rita");
                b.type("#password", "password-rita");
                b.click("#login-button");
                b.waitForUrl("/dashboard.html");
                b.open("/review.html");
                b.find("#dispute-1");
                String page = b.find("#disputes").getText();
                assertThat(page).contains("ana: response", "ben: response", "Response 1", "Response 2").doesNotContain("m0", "m1");
                b.screenshot("12-review-queue");

                // Answers are listed in submission order; find ana's line to press its number key.
                b.driver.findElement(By.tagName("h1")).click();
                b.press(String.valueOf(answerIndex(b, "ana") + 1));
                b.waitForText("#status", "Accepted the answer of ana");
                b.type("#note-0", "ben follows the guideline");
                b.click("#accept-0-" + answerIndex(b, "ben"));
                b.waitForText("#status", "Accepted the answer of ben");
                b.find("#queue-empty");
            }
            assertThat(adjudications(store, p.id())).containsExactlyInAnyOrderEntriesOf(Map.of("ana", "", "ben", "ben follows the guideline"));
        }
    }

    /** Position of the annotator's answer in the first disputed item's list. */
    private static int answerIndex(Browser b, String username) {
        var lines = b.driver.findElements(By.cssSelector("#dispute-0 .answers li"));
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).getText().startsWith(username + ":")) return i;
        throw new AssertionError("no answer by " + username + " in the first disputed item");
    }

    private static void judgeAll(Platform platform, User u, String preferred) {
        int n = 0;
        for (Optional<TaskView> t = platform.tasks.nextTask(u.id()); t.isPresent(); t = platform.tasks.nextTask(u.id())) {
            boolean first = t.get().candidates().get(0).startsWith(preferred);
            platform.tasks.submit(u.id(), t.get().taskId(), u.username() + "-" + n++,
                    new JudgmentPayload.Pairwise(first ? PairwiseChoice.A : PairwiseChoice.B, 2, null, 4000));
        }
    }

    /** Accepted annotator's username → note ("" for none), read straight from the table. */
    private static Map<String, String> adjudications(Store store, String projectId) {
        return store.transaction(tx -> {
            Map<String, String> out = new java.util.HashMap<>();
            try (var ps = tx.connection().prepareStatement("SELECT u.username, d.note FROM platform_adjudications d"
                    + " JOIN platform_assignments a ON a.id = d.accepted_task_id JOIN platform_users u ON u.id = a.annotator_id WHERE d.project_id = ?")) {
                ps.setString(1, projectId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2));
                }
            }
            return out;
        });
    }
}
