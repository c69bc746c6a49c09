package io.rlhf4j.store;

import io.rlhf4j.store.testing.SampleData;

/**
 * Child process for {@link DurabilityTest}: opens the store, commits items one transaction at a
 * time, prints "committed N" after each commit returns (the moment a server would answer 201),
 * then waits to be killed.
 */
public final class CommitThenWait {
    private CommitThenWait() {}

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[1]);
        Store store = Store.open(args[0]);
        for (int i = 1; i <= count; i++) {
            int n = i;
            store.inTransaction(tx -> tx.saveItem(SampleData.pair(n, "ann-1")));
            System.out.println("committed " + i);
            System.out.flush();
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
