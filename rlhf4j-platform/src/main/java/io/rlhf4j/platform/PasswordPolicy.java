package io.rlhf4j.platform;

import me.gosimple.nbvcxz.resources.DictionaryUtil;

import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be, after NIST SP 800-63B: long enough, not one of the passwords
 * attackers try first, and not the username. No composition rules (they make passwords harder to
 * remember, not to guess). The refused list is the 100,000 most common passwords from public
 * breach corpora, as shipped in the nbvcxz library's {@code dictionaries/passwords.txt}.
 */
public final class PasswordPolicy {
    private static final class Common {
        static final Set<String> PASSWORDS = Set.copyOf(DictionaryUtil.loadRankedDictionary(DictionaryUtil.passwords).keySet().stream()
                .map(p -> p.toLowerCase(Locale.ROOT)).toList());
    }

    private PasswordPolicy() {}

    /** Refuses (INVALID on "password", saying why) a password this policy does not accept for {@code username}. */
    public static void check(String username, String password) {
        PasswordHasher.checkLength(password);
        String lower = password.toLowerCase(Locale.ROOT);
        if (Common.PASSWORDS.contains(lower)) {
            throw PlatformError.invalid("password", "is one of the most common passwords (found in breached-password lists); choose another");
        }
        if (username != null && lower.equals(username.toLowerCase(Locale.ROOT))) {
            throw PlatformError.invalid("password", "must not be the username");
        }
    }
}
