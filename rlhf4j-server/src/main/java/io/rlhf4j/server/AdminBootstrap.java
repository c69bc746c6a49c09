package io.rlhf4j.server;

import io.rlhf4j.platform.AccountService;
import io.rlhf4j.platform.UserRole;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;

/**
 * The first admin. On a database without one, creates "admin" with the password from
 * RLHF4J_ADMIN_PASSWORD if set, else a random one that is returned (to be printed once) and never
 * stored in clear; later starts change nothing.
 */
public final class AdminBootstrap {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private AdminBootstrap() {}

    /** The generated password when an admin was created with one; empty otherwise. */
    public static Optional<String> ensureAdmin(AccountService accounts, String passwordFromEnv) {
        if (accounts.anyAdmin()) return Optional.empty();
        boolean given = passwordFromEnv != null && !passwordFromEnv.isBlank();
        String password = given ? passwordFromEnv : generate(20);
        accounts.create("admin", "Administrator", UserRole.ADMIN, password, Map.of());
        return given ? Optional.empty() : Optional.of(password);
    }

    static String generate(int length) {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return sb.toString();
    }
}
