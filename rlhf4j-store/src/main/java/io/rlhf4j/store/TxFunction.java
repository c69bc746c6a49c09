package io.rlhf4j.store;

/** Work done inside one transaction that returns a value; may throw, which rolls the transaction back. */
@FunctionalInterface
public interface TxFunction<T> {
    T apply(Tx tx) throws Exception;
}
