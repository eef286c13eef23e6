package io.backorderengine.backorder.internal;

import java.util.List;

import io.backorderengine.backorder.OpenCase;

/**
 * The process side of a case, implemented in {@code process/} so that nothing else here depends on
 * Camunda.
 */
public interface CaseWorkflow {

    /**
     * Starts the process instance of a case intake has registered already (see {@link CaseRegistry#register});
     * its first step takes the registered case over instead of registering it again.
     */
    void start(OpenCase registered);

    /**
     * Starts the process instances of several registered cases as one engine command, in the caller's
     * transaction: all of them or none.
     */
    void startAll(List<OpenCase> registered);

    /** Ranks the case in its SKU's waiting line by the allocation policy (the DMN analysts own). */
    void rank(String caseId);
}
