package io.rlhf4j.server;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.Prompt;
import io.rlhf4j.core.data.Provenance;
import io.rlhf4j.platform.AccountService;
import io.rlhf4j.store.Store;
import io.rlhf4j.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole loop in a real headless Chromium: an admin sets up a project in the UI (account,
 * project with every task type, typed prompts, an imported hh-rlhf file, candidates), an annotator
 * works through every task type with keyboard shortcuts, and the admin sees the result in the
 * dashboard, leaderboard and export. Screenshots of every page go to target/screenshots.
 */
class BrowserEndToEndTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    /** Fixed screenshot numbers per task page, whatever order the queue serves them in. */
    private static final Map<String, String> SHOT_NUMBER = Map.of("Compare two responses", "03", "Rank the responses", "04",
            "Rate the response", "05", "Safety review", "06", "Write the ideal response", "07", "Continue the conversation", "08");

    @TempDir
    Path temp;

    @Test
    void adminSetsUpProjectAnnotatorDoesEveryTaskTypeAndResultsReachDashboardAndExport() throws Exception {
        try (TestDatabase db = TestDatabase.h2(temp); Store store = db.open()) {
            Argon2Hasher hasher = new Argon2Hasher();
            AdminBootstrap.ensureAdmin(new AccountService(store, hasher, Clock.systemUTC()), "admin-password-1");
            try (PlatformServer server = PlatformServer.start(store, "127.0.0.1", 0, hasher, Clock.systemUTC(), BrowserEndToEndTest::model);
                 Browser b = new Browser(server.port(), temp.resolve("chrome"), SHOTS)) {
                String projectName = "Spider facts";
                login(b, "admin", "admin-password-1", "/admin.html", "01-login");
                setUpProject(b, projectName);
                b.click("header nav button.link");
                b.find("#login-button");

                login(b, "alice", "alice-password", "/annotate.html", null);
                Set<String> typesDone = annotateEverything(b);
                assertThat(typesDone).containsExactlyInAnyOrder("Compare two responses", "Rank the responses", "Rate the response",
                        "Safety review", "Write the ideal response", "Continue the conversation");
                b.screenshot("09-annotate-done");
                b.click("header nav button.link");

                login(b, "admin", "admin-password-1", "/admin.html", null);
                checkDashboardAndExport(b, projectName);
            }
            Map<String, Long> kinds = store.transaction(tx -> tx.judgments().countByKind());
            assertThat(kinds).containsKeys("pairwise", "ranking", "rating", "safety_flag", "demonstration");
        }
    }

    private static void login(Browser b, String user, String password, String home, String shot) throws Exception {
        b.open("/");
        b.type("#username", user);
        b.type("#password", password);
        if (shot != null) b.screenshot(shot);
        b.click("#login-button");
        b.waitForUrl(home);
    }

    private static void setUpProject(Browser b, String projectName) throws Exception {
        b.find("#users li");
        b.type("#u-name", "alice");
        b.type("#u-password", "alice-password");
        b.type("#u-expertise", "biology=expert");
        b.click("#create-user");
        b.waitForText("#users", "alice");

        b.type("#p-name", projectName);
        for (String t : List.of("RANKING", "RATING", "SAFETY", "DEMONSTRATION", "MULTI_TURN")) b.click("#type-" + t);
        b.type("#p-overlap", "1");
        b.type("#p-members", "alice");
        b.click("#create-project");
        b.waitForText("#status", "created");
        b.find("#project-detail");

        b.type("#prompt-lines", "Why do spiders build webs?");
        b.type("#prompt-domain", "biology");
        b.click("#add-prompts");
        b.waitForText("#status", "1 prompt(s) added");

        new Select(b.find("#import-format")).selectByValue("hh-rlhf");
        b.find("#import-file").sendKeys(Path.of("src/test/resources/spiders.hh.jsonl").toAbsolutePath().toString());
        b.click("#import-button");
        b.waitForText("#status", "Imported 1 prompt(s) and 2 candidate(s)");

        attachCandidate(b, "To catch prey: webs trap flying insects.", "model-good");
        attachCandidate(b, "Spiders build webs for fun.", "model-bad");
        b.waitForText("#prompts", "model-bad");
        // A qualification item on the typed prompt: alice must get it right before any real task.
        WebElement card = promptCard(b, "Why do spiders build webs?");
        String n = card.getAttribute("id").substring("prompt-".length());
        new Select(b.find("#known-kind-" + n)).selectByValue("qualification");
        b.click(b.find("#known-a-" + n).getText().contains("catch prey") ? "#known-a-" + n : "#known-b-" + n);
        b.waitForText("#status", "Qualification item added");
        b.screenshot("02-admin-project");
        ((JavascriptExecutor) b.driver).executeScript("window.scrollTo(0, 0)");
        b.screenshot("02-admin-top");
    }

    /** Attaches a candidate to the first typed prompt (the one whose card shows the web question). */
    private static WebElement promptCard(Browser b, String text) {
        return b.driver.findElements(By.cssSelector("#prompts > .card")).stream()
                .filter(c -> c.getText().contains(text)).findFirst().orElseThrow();
    }

    private static void attachCandidate(Browser b, String text, String model) {
        WebElement card = promptCard(b, "Why do spiders build webs?");
        String n = card.getAttribute("id").substring("prompt-".length());
        b.type("#cand-text-" + n, text);
        b.type("#cand-model-" + n, model);
        b.click("#attach-" + n);
        b.waitForText("#status", "Candidate attached");
    }

    /**
     * The model behind multi-turn continuations: a good and a bad next turn (the good one mentions
     * catching prey, which is how the test recognises it whatever side it is shown on).
     */
    private static List<Completion> model(Prompt prompt, int count) {
        return List.of(Completion.of(prompt.id(), "Because sticky webs catch prey while the spider waits.", Provenance.model("model-good", null, null)),
                Completion.of(prompt.id(), "Dunno.", Provenance.model("model-bad", null, null))).subList(0, count);
    }

    /** Works until the queue is empty, answering each type with its keyboard shortcuts; returns the task titles seen. */
    private static Set<String> annotateEverything(Browser b) throws Exception {
        Set<String> seen = new HashSet<>();
        boolean continued = false, sawContinuation = false;
        for (int i = 0; i < 60; i++) {
            String status = b.find("#status").getText();
            if (status.contains("No tasks") && continued && !sawContinuation) {
                // The model answers the continued conversation in the background; look again shortly.
                Thread.sleep(300);
                b.open("/annotate.html");
                continue;
            }
            if (status.contains("No tasks")) {
                assertThat(sawContinuation).as("the continued conversation came back as a task").isTrue();
                return seen;
            }
            WebElement form = b.driver.findElement(By.id("task-form"));
            if (!form.isDisplayed()) { Thread.sleep(100); continue; }
            String title = b.find("#task-title").getText();
            String savedBefore = saved(b), loadsBefore = loads(b);
            boolean first = seen.add(title);
            b.driver.findElement(By.tagName("h1")).click();
            switch (title) {
                case "Compare two responses" -> {
                    b.press(goodIsFirst(b) ? "2" : "6");
                    b.type("#justification", "The better one answers the question; the other is vague.");
                    b.driver.findElement(By.tagName("h1")).click();
                }
                case "Rank the responses" -> b.press(goodIsFirst(b) ? "1" : "2", goodIsFirst(b) ? "2" : "1");
                case "Rate the response" -> b.press("4", "5", "5", "4", "3");
                case "Safety review" -> {
                    new Select(b.find("#category")).selectByValue("misinformation");
                    b.driver.findElement(By.tagName("h1")).click();
                    b.press("2");
                }
                case "Continue the conversation" -> {
                    int turns = b.driver.findElements(By.cssSelector("#conversation .turn")).size();
                    b.press(goodIsFirst(b) ? "2" : "6");
                    if (turns == 3) {
                        sawContinuation = true;
                        assertThat(b.find("#conversation").getText()).contains("How do they make the silk?");
                        b.screenshot("11-task-multi-turn-continued");
                    } else if (!continued && b.find("#conversation").getText().contains("Why do spiders build webs?")) {
                        continued = true;
                        b.press("n");
                        b.press("How do they make the silk?");
                        b.driver.findElement(By.tagName("h1")).click();
                    }
                }
                case "Write the ideal response" -> {
                    // Keyboard: B starts from response B (an expert editing a candidate), then type the fix.
                    b.press("b");
                    assertThat(b.find("#demo-text").getAttribute("value")).isEqualTo(b.find("#response-1 .text").getText());
                    b.find("#demo-text").sendKeys(" Spiders have eight legs; webs catch prey.");
                }
                default -> throw new AssertionError("unexpected task page: " + title);
            }
            if (first) b.screenshot(SHOT_NUMBER.get(title) + "-task-" + title.toLowerCase().replace(' ', '-'));
            b.submitWithKeyboard();
            waitForNext(b, savedBefore, loadsBefore);
        }
        throw new AssertionError("the queue never ran dry");
    }

    /** Whether response A is the right answer (the positions are shuffled per task, so the test must read them). */
    private static boolean goodIsFirst(Browser b) {
        String a = b.find("#response-0 .text").getText();
        if (a.contains("Dunno.")) return false;
        return a.contains("catch prey") || a.equals("Eight.");
    }

    /** Waits until the submission was acknowledged and the next task (or "no tasks") has finished loading. */
    private static void waitForNext(Browser b, String before, String loadsBefore) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            String err = b.driver.findElement(By.id("submit-status")).getText();
            if (!err.isEmpty()) throw new AssertionError("submission refused: " + err);
            if (!before.equals(saved(b)) && !loadsBefore.equals(loads(b))) return;
            Thread.sleep(50);
        }
        throw new AssertionError("no acknowledgement after submitting (saved count still " + before + ")");
    }

    private static String loads(Browser b) {
        return String.valueOf(((JavascriptExecutor) b.driver).executeScript("return document.body.dataset.loads || '0'"));
    }

    private static String saved(Browser b) {
        return String.valueOf(((JavascriptExecutor) b.driver).executeScript("return document.body.dataset.saved || '0'"));
    }

    private static void checkDashboardAndExport(Browser b, String projectName) throws Exception {
        b.open("/dashboard.html");
        new Select(b.find("#project-select")).selectByVisibleText(projectName);
        b.waitForText("#metrics", "Judgments");
        b.waitForText("#leaderboard", "model-good");
        String metrics = b.find("#metrics").getText();
        assertThat(metrics).as("17 real tasks and the qualification item").contains("Judgments\n18").contains("100%");
        assertThat(b.find("#annotators").getText()).as("the qualification answer counts as gold agreement").contains("alice", "100% of 1");
        assertThat(b.find("#leaderboard").getText()).as("the better model ranks first whatever side it was shown on")
                .containsSubsequence("1 model-good", "2 model-bad");
        b.screenshot("10-dashboard");
        ((JavascriptExecutor) b.driver).executeScript("document.getElementById('annotators-title').scrollIntoView()");
        b.screenshot("10-dashboard-leaderboard");
        @SuppressWarnings("unchecked")
        Map<String, Object> export = (Map<String, Object>) ((JavascriptExecutor) b.driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const id = document.getElementById('project-select').value;"
                        + "fetch('/api/projects/' + id + '/export').then(r => r.json()).then(done);");
        List<?> items = (List<?>) export.get("items");
        assertThat(items).as("2 prompts x (pair + ranking + 2 ratings + 2 safety + demonstration + multi-turn pair), plus the continued turn")
                .hasSize(17);
        assertThat(export.toString()).contains("judgment_ids", "guideline_versions", "annotator_weights", "model-good");
        b.click("#export");
        b.waitForText("#status", "Export with 17 items");
    }
}
