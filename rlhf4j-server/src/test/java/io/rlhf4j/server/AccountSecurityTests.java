package io.rlhf4j.server;

import io.rlhf4j.platform.User;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Logins and accounts as an attacker would try them (issue 12's security findings), over HTTP. */
abstract class AccountSecurityTests extends ServerTestBase {
    @Test
    void aCrossSiteFormPostingJsonLookingTextAsTextPlainCannotLogAnyoneIn() throws Exception {
        // What an enctype=text/plain form on another site sends: the browser needs no permission for it.
        HttpRequest forged = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/login"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"boss\",\"password\":\"" + ADMIN_PASSWORD + "\",\"x\":\"=\"}"))
                .build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(forged, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(r.body()).contains("application/json");
    }

    @Test
    void afterFiveWrongPasswordsEvenTheRightOneIsRefusedWith429AndRetryAfter() {
        annotator("carol");
        ApiClient attacker = client();
        for (int i = 0; i < LoginThrottle.PER_ACCOUNT; i++) assertThat(attacker.login("carol", "guess-" + i).status()).isEqualTo(401);
        ApiClient.Response r = attacker.login("carol", "password-carol");
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.json().get("error").asText()).contains("too many failed logins");
        assertThat(Long.parseLong(ApiClient.headerOf(r, "Retry-After"))).isPositive();
        platform.clock.advance(LoginThrottle.WINDOW.plusSeconds(1));
        assertThat(attacker.login("carol", "password-carol").status()).as("the window passed").isEqualTo(200);
    }

    @Test
    void oneAddressGuessingAcrossManyAccountsIsThrottledToo() {
        ApiClient sprayer = client();
        for (int i = 0; i < LoginThrottle.PER_ADDRESS; i++) assertThat(sprayer.login("user" + i, "Winter2024!").status()).isEqualTo(401);
        assertThat(sprayer.login("boss", ADMIN_PASSWORD).status()).isEqualTo(429);
    }

    @Test
    void aCommonPasswordIsRefusedNamingTheBreachedList() {
        ApiClient.Response r = admin.post("/api/users", "{\"username\":\"dave\",\"password\":\"password1\",\"role\":\"ANNOTATOR\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("password");
        assertThat(r.json().get("error").asText()).contains("most common passwords");
        assertThat(admin.post("/api/users", "{\"username\":\"dave\",\"password\":\"qwertyuiop\",\"role\":\"ANNOTATOR\"}").status()).isEqualTo(400);
        assertThat(admin.post("/api/users", "{\"username\":\"dave\",\"password\":\"lantern-oboe-57\",\"role\":\"ANNOTATOR\"}").status()).isEqualTo(201);
    }

    @Test
    void aPersonChangesTheirPasswordAndTheirOtherSessionsEnd() {
        ApiClient laptop = annotator("erin");
        ApiClient phone = client();
        assertThat(phone.login("erin", "password-erin").status()).isEqualTo(200);
        assertThat(laptop.post("/api/me/password", "{\"current_password\":\"nope-nope-1\",\"new_password\":\"violet-harbor-93\"}").status())
                .isEqualTo(400);
        ApiClient.Response r = laptop.post("/api/me/password", "{\"current_password\":\"password-erin\",\"new_password\":\"violet-harbor-93\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(laptop.get("/api/me").status()).isEqualTo(200);
        assertThat(phone.get("/api/me").status()).isEqualTo(401);
        assertThat(client().login("erin", "password-erin").status()).isEqualTo(401);
        assertThat(client().login("erin", "violet-harbor-93").status()).isEqualTo(200);
    }

    @Test
    void anAdminResetsAForgottenPasswordAndDisablesAnAccountWhoseSessionsEndAtOnce() {
        ApiClient frank = annotator("frank");
        User u = platform.accounts.findByUsername("frank").orElseThrow();
        assertThat(admin.post("/api/users/" + u.id() + "/password", "{\"password\":\"copper-kettle-28\"}").status()).isEqualTo(200);
        assertThat(frank.get("/api/me").status()).as("reset ends the sessions").isEqualTo(401);
        assertThat(frank.login("frank", "copper-kettle-28").status()).isEqualTo(200);
        assertThat(frank.post("/api/users/" + u.id() + "/disabled", "{\"disabled\":true}").status()).as("admins only").isEqualTo(403);

        ApiClient.Response off = admin.post("/api/users/" + u.id() + "/disabled", "{\"disabled\":true}");
        assertThat(off.json().get("disabled").asBoolean()).isTrue();
        assertThat(frank.get("/api/me").status()).isEqualTo(401);
        assertThat(client().login("frank", "copper-kettle-28").status()).isEqualTo(401);
        admin.post("/api/users/" + u.id() + "/disabled", "{\"disabled\":false}");
        assertThat(client().login("frank", "copper-kettle-28").status()).isEqualTo(200);
    }

    @Test
    void logoutEverywhereEndsEverySessionOfTheAccount() {
        ApiClient one = annotator("gina");
        ApiClient two = client();
        ApiClient api = client();
        two.login("gina", "password-gina");
        api.loginBearer("gina", "password-gina");
        ApiClient.Response r = one.post("/api/logout-everywhere", null);
        assertThat(r.json().get("sessions_ended").asInt()).isEqualTo(3);
        assertThat(one.get("/api/me").status()).isEqualTo(401);
        assertThat(two.get("/api/me").status()).isEqualTo(401);
        assertThat(api.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void withoutSecureCookiesTheCookieHasNoSecureFlagAndNoHsts() {
        ApiClient.Response r = client().login("boss", ADMIN_PASSWORD);
        assertThat(ApiClient.headerOf(r, "Set-Cookie")).doesNotContain("Secure");
        assertThat(ApiClient.headerOf(r, "Strict-Transport-Security")).isNull();
    }
}
