package io.backorderengine.backorder;

/**
 * The process side of a case, implemented in {@code process/} so that nothing else here depends on
 * Camunda.
 */
public interface CaseWorkflow {

    /** Starts the case's process instance; its first step registers the case (see {@link CaseRegistry}). */
    void start(OpenCase openCase);

    /** Ranks the case in its SKU's waiting line by the allocation policy (the DMN analysts own). */
    void rank(String caseId);
}
