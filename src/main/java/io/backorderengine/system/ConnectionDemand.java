package io.backorderengine.system;

/**
 * Database connections a part of the application may hold at once on threads of its own, beside web
 * requests and the job executor; {@link PoolSizing} counts them in the pool a node needs.
 */
public interface ConnectionDemand {

    /** The most connections this part holds at once. */
    int connections();

    /** What holds them, for the start-up error. */
    String heldBy();

    /** The setting that decides how many, for the start-up error. */
    String setting();
}
