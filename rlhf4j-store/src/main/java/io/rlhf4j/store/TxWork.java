package io.rlhf4j.store;

/** Work done inside one transaction; may throw, which rolls the transaction back. */
@FunctionalInterface
public interface TxWork {
    void run(Tx tx) throws Exception;
}
