package io.rlhf4j.sim;

import io.rlhf4j.platform.AccountService;
import io.rlhf4j.platform.PasswordHasher;
import io.rlhf4j.platform.ProjectService;
import io.rlhf4j.platform.TaskService;
import io.rlhf4j.store.Store;

import java.time.Clock;
import java.util.Random;

/**
 * The platform services a simulated panel works through, with every id drawn from the run's seed. The
 * platform breaks ties in its work order by id, so unseeded ids made the same seed label differently
 * from run to run; one factory keeps the task world's panel, the story panel and the routing experiment
 * seeded the same way.
 */
public record SimulatedPlatform(AccountService accounts, ProjectService projects, TaskService tasks) {
    /** Simulated annotators' accounts: nobody logs in as them. */
    public static final PasswordHasher NO_LOGIN = new PasswordHasher() {
        public String hash(String password) { return "sim-account-no-login"; }
        public boolean verify(String password, String storedHash) { return false; }
    };

    public static SimulatedPlatform seeded(Store store, Clock clock, long seed) {
        return new SimulatedPlatform(new AccountService(store, NO_LOGIN, clock, new Random(seed ^ 0xACC7L)),
                new ProjectService(store, clock, new Random(seed ^ 0x5EEDL)), new TaskService(store, clock, new Random(seed)));
    }
}
