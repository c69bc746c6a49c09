package io.rlhf4j.server;

import io.rlhf4j.platform.PlatformError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Argon2HasherTest {
    private final Argon2Hasher hasher = new Argon2Hasher();

    @Test
    void hashesWithSaltedArgon2idAndVerifiesOnlyTheRightPassword() {
        String h1 = hasher.hash("correct horse battery");
        String h2 = hasher.hash("correct horse battery");
        assertThat(h1).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(h1).as("random salt").isNotEqualTo(h2);
        assertThat(hasher.verify("correct horse battery", h1)).isTrue();
        assertThat(hasher.verify("correct horse batterY", h1)).isFalse();
        assertThat(hasher.verify("correct horse battery", "test$plain")).as("non-Argon2 hashes are never accepted").isFalse();
    }

    @Test
    void refusesPasswordsShorterThanEightCharacters() {
        assertThatThrownBy(() -> hasher.hash("short"))
                .isInstanceOfSatisfying(PlatformError.class, e -> assertThat(e.field()).isEqualTo("password"));
    }
}
