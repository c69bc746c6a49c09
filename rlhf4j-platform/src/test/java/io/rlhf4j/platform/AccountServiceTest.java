package io.rlhf4j.platform;

import io.rlhf4j.store.Store;
import io.rlhf4j.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class AccountServiceTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownUsernameCostsAPasswordCheckLikeAKnownOneSoTimingDoesNotRevealWhichExist() {
        AtomicInteger verifications = new AtomicInteger();
        PasswordHasher counting = new PasswordHasher() {
            public String hash(String password) { return Platform.TEST_HASHER.hash(password); }

            public boolean verify(String password, String stored) {
                verifications.incrementAndGet();
                return Platform.TEST_HASHER.verify(password, stored);
            }
        };
        try (Store store = TestDatabase.h2(dir).open()) {
            AccountService accounts = new AccountService(store, counting, new TestClock());
            accounts.create("known", null, UserRole.ANNOTATOR, "known-password-1", Map.of());
            assertThat(accounts.authenticate("known", "wrong-password")).isEmpty();
            assertThat(verifications).hasValue(1);
            assertThat(accounts.authenticate("nobody-by-this-name", "wrong-password")).isEmpty();
            assertThat(verifications).as("the unknown user's password was checked against a dummy hash").hasValue(2);
        }
    }

    @Test
    void thePolicyRefusesBreachedPasswordsAndTheUsernameButNotAnUncommonPassphrase() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PasswordPolicy.check("ann", "short1"))
                .hasMessageContaining("at least 8");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PasswordPolicy.check("ann", "baseball1"))
                .hasMessageContaining("most common passwords");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PasswordPolicy.check("annotator7", "Annotator7"))
                .hasMessageContaining("username");
        PasswordPolicy.check("ann", "marble-otter-velvet");
    }
}
