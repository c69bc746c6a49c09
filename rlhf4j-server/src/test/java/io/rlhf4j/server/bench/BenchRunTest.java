package io.rlhf4j.server.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchRunTest {
    @Test
    void aPromptAcknowledgedToOneAnnotatorUnderTwoJudgmentsCountsAsAcknowledgedTwiceButARetryDoesNot() {
        BenchRun run = new BenchRun("http://127.0.0.1:1", "p", "pw", 10, 10, 1);
        run.acknowledged.add(new BenchRun.Ack("ann-1", "prompt 1", "j-1"));
        run.acknowledged.add(new BenchRun.Ack("ann-1", "prompt 1", "j-1")); // a retry answered as a duplicate
        run.acknowledged.add(new BenchRun.Ack("ann-2", "prompt 1", "j-2"));
        assertThat(run.acknowledgedTwice()).isZero();
        run.acknowledged.add(new BenchRun.Ack("ann-2", "prompt 1", "j-3")); // served again after a lost commit
        assertThat(run.acknowledgedTwice()).isEqualTo(1);
        assertThat(run.judgmentIds()).containsExactlyInAnyOrder("j-1", "j-2", "j-3");
    }
}
